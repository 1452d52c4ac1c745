/** The §9 forms in English and Chinese keywords (the same program): compiled alike in v2-forms.test.ts, scored alike in pairs.test.ts. */
/** Each §9 form in English keywords and in Chinese keywords: the same program. */
export const PAIRS: [name: string, en: string, zh: string][] = [
  [
    '§9.2 lead target, §9.7 several event types',
    'discipline on late, early_leave, leaving_post: -2 per; >= 3 => personal -5, team -5, lead -10 yuan',
    'discipline 对应 late、early_leave、leaving_post: -2 每次; 达到 3 => 个人 -5, 集体 -5, 组长 -10 元',
  ],
  ['§9.2 lead share of the amount', 'surgery: lead 1% of amount', 'surgery: 负责人 1% 的 金额'],
  ['§9.3 for and every', 'allowance for role = "lead": every month => 500 yuan', 'allowance 适用 role = "lead": 每个 月 => 500 元'],
  [
    '§9.3 a bare window is every',
    'allowance for role != "manager" and joined >= "2026-01-01": per month => 500 yuan',
    'allowance 适用 role != "manager" 且 joined >= "2026-01-01": 每月 => 每人 500 元',
  ],
  ['§9.3 every with 每 月', 'allowance for team = "net": every month => 500 yuan', 'allowance 适用 team = "net": 每 月 => 500 元'],
  ['§9.3 grace', 'grace 1 month\nx: -1 per', '新人免考 1 个月\nx: -1 每次'],
  [
    '§9.4 pay items and daily',
    'pay bonus "月度绩效奖金"\npay base\nworkdays = 20\nabsence: -50% of bonus per\nsick_leave on leave where kind = "sick": -40% of daily base per',
    '薪资项 bonus "月度绩效奖金"\n薪资项 base\n计薪天数 20\nabsence: -50% 的 bonus 每次\nsick_leave 对应 leave 当 kind = "sick": -40% 的 日 base 每次',
  ],
  ['§9.4 daily spelled 按日', 'pay base\nx: -40% of daily base per', '薪资项 base\nx: -40% 的 按日 base 每次'],
  [
    '§9.4/9.5 a share of pay in an ever clause',
    'pay bonus\nfraud: 0 per; >= 2 per ever => -100% of bonus, flag dismissal',
    '薪资项 bonus\nfraud: 0 每次; 达到 2 每 累计 => -100% 的 bonus, 标记 dismissal',
  ],
  ['§9.5 quarter', 'x: -1 per; > 3 per quarter => -5', 'x: -1 每次; 超过 3 每季度 => 扣 5 分'],
  ['§9.5 year', 'x: -1 per; > 3 per year => 5', 'x: -1 每次; 超过 3 每年 => 奖 5 分'],
  ['§9.5 ever with each', 'x: 0 per; >= 2 per ever each => -50 yuan', 'x: 0 每次; 2 次以上 每 累计 逐次 => 扣 50 元'],
  ['§9.6 running', 'task_missed on task: < 1 per month running 2 => -500 yuan', 'task_missed 对应 task: 不足 1 每月 连续 2 => -500 元'],
  [
    '§9.6 running on a team ledger',
    'dept: team deductions >= 50 per month running 3 => flag remove_supervisor',
    'dept: 集体 扣分 达到 50 每月 连续 3 => 标记 remove_supervisor',
  ],
  [
    '§9.8 sum and target',
    'sales on surgery: sum(amount) < target sales per month => -100 yuan',
    'sales 对应 surgery: 合计(金额) 低于 指标 sales 每月 => -100 元',
  ],
  [
    '§9.8 avg',
    'low_spend on surgery: avg(amount) < 10000 per month => flag low_average_spend',
    'low_spend 对应 surgery: 平均(金额) < 10000 每月 => 标记 low_average_spend',
  ],
  [
    '§9.8 sum of an attribute, each unit',
    'x on call: sum(minutes) > 60 per day each => -1',
    'x 对应 call: 合计(minutes) 超过 60 每天 逐次 => 扣 1 分',
  ],
  ['§9.8 awards per point', 'year_end: awards > 0 per year => 10 yuan per', 'year_end: 奖分 > 0 每年 => 10 元 每次'],
  ['§9.8 team awards', 'x: team awards >= 100 per month => team 500 yuan', 'x: 集体 奖分 达到 100 每月 => 集体 500 元'],
  [
    '§9.9 a filter on one side of a ratio',
    'conversion: ratio(surgery / visit where booked = true) per month < 40% each 5% => -60 yuan',
    'conversion: 比率(surgery / visit 当 booked = 是) 每月 < 40% 逐次 5% => -60 元',
  ],
  [
    '§9.9 a filter on the numerator',
    'satisfaction: ratio(survey where satisfied = true / survey) per quarter < 90% each 1% => -1',
    'satisfaction: 比率(survey 当 satisfied = 是 / survey) 每季度 低于 90% 逐次 1% => 扣 1 分',
  ],
  [
    '§9.10 gates',
    'low on surgery: avg(amount) < 10000 per month => flag low_spend\nbase on visit unless flag low_spend: tiers per month; >30 => 50 yuan per; else => 10 yuan per',
    'low 对应 surgery: 平均(金额) < 10000 每月 => 标记 low_spend\nbase 对应 visit 除非 标记 low_spend: 分档 每月; 超过 30 => 50 元 每次; 其他 => 10 元 每次',
  ],
  [
    '§9.11 rank by a measure, by team',
    'training on exam: rank sum(score) per month by team => 1st 200 yuan, 2nd 100 yuan',
    'training 对应 exam: 排名 合计(score) 每月 各组 => 第一名 200 元, 第二名 100 元',
  ],
  [
    '§9.11 top share and ordinals',
    'best on vote: rank per month => 1st 300 yuan, top 50% 100 yuan',
    'best 对应 vote: 排名 每月 => 第一名 300 元, 前50% 100 元',
  ],
  ['§9.11 rank by awards', 'best: rank awards per month => 10th 5 yuan', 'best: 排名 奖分 每月 => 第十名 5 元'],
  ['§9.12 扣/奖/分/次', 'x: -2 points per; > 2 => personal -5 points, team +5', 'x: -2 分/次; 超过 2 => 个人 扣 5 分, 集体 加 5 分'],
  ['§9.12 written together', 'x: -2 points per; > 2 => personal -5, team -50 yuan', 'x: -2分/次; 超过2 => 个人 扣5分, 集体 扣50元'],
  ['§9.12 达到 / 以上 / 次以上', 'x: -1 per; >= 2 => -1; >= 3 => -1; >= 4 => -1', 'x: -1 每次; 达到 2 => -1; 3 以上 => -1; 4 次以上 => -1'],
  [
    '§9.12 不足 / 低于 / 少于 / 以下',
    'x: 0 per; < 2 per month => -1; < 3 per month => -1; < 4 per month => -1; <= 5 per month => -1',
    'x: 0 每次; 不足 2 每月 => -1; 低于 3 每月 => -1; 少于 4 每月 => -1; 5 以下 每月 => -1',
  ],
  ['§9.12 N次', 'x: 0 per; > 2 => -1', 'x: 0 每次; > 2次 => -1'],
  ['§9.12 是 / 否', 'x on visit where booked = true and paid = false: 1 yuan per', 'x 对应 visit 当 booked = 是 且 paid = 否: 1 元 每次'],
  ['§9.12 full-width digits and signs', 'x: -2 per; > 12 => personal -5.5', 'x: －２ 每次; ＞ １２ => 个人 －５.５'],
  ['§9.12 得分 / 积分', 'x: points >= 10 per month => flag good; ', 'x: 得分 >= 10 每月 => 标记 good; '],
  [
    '§9.12 每人 in an all clause',
    'team_bonus on visit: all >= 20 per month => 200 yuan',
    'team_bonus 对应 visit: 全员 达到 20 每月 => 每人 200 元',
  ],
  [
    '§9.12 每天 每日 每周',
    'x: -1 per; > 1 per day => -1; > 2 per day => -1; > 3 per week => -1',
    'x: -1 每次; > 1 每天 => -1; > 2 每日 => -1; > 3 每周 => -1',
  ],
];
