/** `<rulecard-sync-status>` strings, zh-CN (source of truth for the keys). */
export const zhCN = {
  label: '同步状态',
  notConnected: '仅保存在本浏览器',
  online: '已连接服务器',
  offline: '离线：修改保存在本机，联网后自动上传',
  syncedAgo: (ago: string) => `上次同步：${ago}`,
  neverSynced: '尚未与服务器同步',
  allSent: '所有修改均已上传',
  pending: (n: number, ago: string) => `${n} 条修改待上传（最早一条：${ago}）`,
  conflicts: (n: number) => `${n} 条修改与他人的修改冲突，需要选择保留哪一个`,
  rejected: (n: number) => `${n} 条修改被服务器拒绝`,
  notPersistent: '存储未设为持久：浏览器可能清除本机数据（已上传的数据不受影响）',
  clockSkew: (minutes: number) => `本机时钟与服务器相差约 ${minutes} 分钟，请校准时间`,
  error: {
    unauthorized: '登录已失效，无法同步',
    server: '服务器出错，稍后自动重试',
    refused: '服务器拒绝了同步请求',
    other: '同步出错，稍后自动重试',
  },
};

export type SyncStatusMessages = typeof zhCN;
