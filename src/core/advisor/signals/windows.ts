// Windows workloads that lean on parts of Windows Server a container does not carry well.
import type { Signal } from '../types';
import { BB, DIFF, MS, S24 } from './cite';

export const WINDOWS: Signal[] = [
  {
    id: 'windows.ad-ds',
    group: 'windows',
    direction: 'vm',
    weight: 0.85,
    dimension: 'guest-compat',
    sources: [MS.guest, DIFF.vms, BB.uses],
    label: 'Active Directory DS',
    reason:
      'A domain controller (AD DS) keeps a machine identity, a database on disk and replication with its peers. It is not supported as a container and belongs on a Windows Server VM.',
    remedy: 'Run AD DS on Windows Server VMs and let containers join through group managed service accounts (gMSA).',
  },
  {
    id: 'windows.msmq',
    group: 'windows',
    direction: 'vm',
    weight: 0.5,
    dimension: 'guest-compat',
    sources: [MS.guest, DIFF.choose],
    label: 'MSMQ',
    reason:
      'MSMQ keeps its queues on the machine and depends on the computer\'s identity; in a container the queue vanishes with the instance unless its storage and name are pinned. Legacy queueing like this usually stays on a VM.',
    remedy: 'Move to a queue service (Service Bus, RabbitMQ), or keep the app on a Windows VM.',
  },
  {
    id: 'windows.com-registry',
    group: 'windows',
    direction: 'vm',
    weight: 0.4,
    dimension: 'guest-compat',
    sources: [DIFF.choose, BB.uses],
    label: 'COM / registry setup',
    reason:
      'COM+ components, regsvr32 registrations and registry edits are machine-wide installation steps of a legacy Windows app. They can be scripted into an image, but apps that depend on them are the classic case for a VM.',
    remedy: 'Replace COM registration with registration-free manifests, or keep the app on a Windows VM.',
  },
  {
    id: 'windows.iis-windows-auth',
    group: 'windows',
    direction: 'vm',
    weight: 0.45,
    dimension: 'guest-compat',
    sources: [MS.guest, DIFF.choose],
    label: 'IIS Windows authentication',
    reason:
      'Integrated Windows authentication needs the server to be a domain member. A container is not domain-joined; it can only borrow an identity through gMSA, which needs extra host setup.',
    remedy: 'Set up gMSA on the container hosts, or switch to token-based authentication (OIDC).',
  },
  {
    id: 'windows.dotnet-framework',
    group: 'windows',
    direction: 'vm',
    weight: 0.05,
    dimension: 'guest-compat',
    sources: [DIFF.choose, BB.uses],
    label: '.NET Framework',
    reason:
      '.NET Framework (not .NET Core or .NET 5+) runs only on Windows, so the image needs a Windows Server Core host. Many such apps are older monoliths, which often stay on VMs.',
    remedy: 'Port to current .NET and a Linux base image, or run on Windows container hosts.',
  },
  {
    id: 'windows.msi-installer',
    group: 'windows',
    direction: 'vm',
    weight: 0.05,
    dimension: 'deployment',
    sources: [MS.updates, S24.portability],
    label: 'MSI installer',
    reason: 'An MSI installer is run during the build. It usually works, but installers written for desktops and servers may expect services, reboots or a GUI that a container does not have.',
  },
  {
    id: 'windows.powershell-shell',
    group: 'windows',
    direction: 'vm',
    weight: 0.02,
    dimension: 'guest-compat',
    sources: [MS.guest],
    label: 'PowerShell shell',
    reason: 'The build runs its steps in PowerShell, which by itself says only that the image is Windows-based.',
  },
  {
    id: 'windows.server-feature',
    group: 'windows',
    direction: 'vm',
    weight: 0.03,
    dimension: 'guest-compat',
    sources: [MS.guest, MS.os],
    label: 'Windows feature installed',
    reason: 'A Windows Server role or feature is installed in the image. Many (IIS, .NET) are fine in a container; roles that manage the machine itself are not.',
  },
];

