// Types of cliCodeCache.mjs for the tests.
/** Rewrites a CommonJS bundle (shebang on line 1) into its commented lines and the loader; false, and the file left as it is, when it cannot be. */
export function addCodeCacheLoader(file: string): boolean;
