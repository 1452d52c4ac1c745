import type { IncidentMessages } from './zh-CN.js';

/** `<rulecard-incident>` strings, English. */
export const en: IncidentMessages = {
  title: 'Record an event',
  type: 'Event type',
  chooseType: 'Choose an event type',
  consultant: 'Consultant',
  chooseConsultant: 'Choose a consultant',
  at: 'When',
  amount: 'Amount (yuan)',
  note: 'Note',
  save: 'Save event',
  saved: (type, who) => `Recorded: ${who} · ${type}`,
  ruleTextLabel: 'Rule text',
  errors: {
    required: 'This field is required',
    time: 'Enter a valid date and time',
    future: 'The time cannot be in the future',
    amount: 'Enter an amount in yuan with at most two decimals',
    summary: (n) => (n === 1 ? '1 field needs attention' : `${n} fields need attention`),
  },
  noRulebook: 'No rulebook has been published yet; publish one first',
  noMembers: 'The roster is empty; add consultants first',
  recent: 'Recently recorded',
  noRecent: 'Nothing recorded yet',
  perEventEffect: (amount) => `${amount} each time`,
  pointsAndMoney: (points, money) => `${points} points (${money})`,
  teamEffect: (amount) => `team ${amount}`,
  leadEffect: (amount) => `lead ${amount}`,
  percentOfAmount: (percent) => `${percent}% of the amount`,
  percentOfPay: (percent, item, daily) => `${percent}% of ${daily ? 'daily ' : ''}${item}`,
  effectSeparator: ', ',
};
