import type { SyncStatusMessages } from './zh-CN.js';

/** `<rulecard-sync-status>` strings, English. */
export const en: SyncStatusMessages = {
  label: 'Sync status',
  notConnected: 'Saved in this browser only',
  online: 'Connected to the server',
  offline: 'Offline: changes are kept here and sent when back online',
  syncedAgo: (ago) => `Last synced ${ago}`,
  neverSynced: 'Not synced with the server yet',
  allSent: 'Every change has been sent',
  pending: (n, ago) => `${n} ${n === 1 ? 'change' : 'changes'} waiting to be sent (oldest ${ago})`,
  conflicts: (n) => `${n} ${n === 1 ? 'change conflicts' : 'changes conflict'} with someone else's: choose which to keep`,
  rejected: (n) => `${n} ${n === 1 ? 'change was' : 'changes were'} refused by the server`,
  notPersistent: "Storage is not persistent: the browser may clear this device's copy (what was sent is safe)",
  clockSkew: (minutes) => `This device's clock is about ${minutes} minutes off the server's; set the time`,
  error: {
    unauthorized: 'Signed out: cannot sync',
    server: 'The server failed; retrying shortly',
    refused: 'The server refused the sync',
    other: 'Sync failed; retrying shortly',
  },
};
