/**
 * JSON schemas of the mutations' arguments. They fix the shape (which
 * properties exist, their JSON types); the store's own validation then gives
 * the field-level reasons (dates, contacts, roster…) in zh-CN and en.
 *
 * No argument names an actor: `by`, `author`, `editor`, `createdBy`… are
 * set by the server from the token, and an argument object carrying one is
 * refused (`additionalProperties: false`). Nor does any carry a compiled
 * program: `publishRulebook` takes the source and the store compiles it.
 *
 * @module
 */
import type { SchemaObject } from 'ajv';

const str = (maxLength = 200): SchemaObject => ({ type: 'string', maxLength });
const optStr = (maxLength = 200): SchemaObject => ({ type: ['string', 'null'], maxLength });
const optNum: SchemaObject = { type: ['number', 'null'] };
const optBool: SchemaObject = { type: ['boolean', 'null'] };
const rev: SchemaObject = { type: 'integer', minimum: 1 };
const id: SchemaObject = { type: 'string', minLength: 1, maxLength: 200 };

const object = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** Every field of the call-log form (each may be null / absent: the store says which are required). */
const callLogFields: Record<string, SchemaObject> = {
  date: optStr(20),
  time: optStr(20),
  consultant: optStr(),
  channel: optStr(40),
  customerName: optStr(),
  contact: optStr(),
  contactKind: optStr(20),
  age: optNum,
  region: optStr(),
  source: optStr(),
  project: optStr(),
  question: optStr(5000),
  answer: optStr(5000),
  booked: optBool,
  bookingAt: optStr(40),
  bookingExpert: optStr(),
  followUpPromised: optBool,
  followUpDoneAt: optStr(40),
  visitedAt: optStr(40),
  surgeryFeeFen: optNum,
  surgeryAt: optStr(40),
  recordingRef: optStr(),
  note: optStr(5000),
};

export const callLogInput = object({ id, ...callLogFields });
export const callLogPatch = object(callLogFields);

const eventFields: Record<string, SchemaObject> = {
  type: optStr(100),
  consultant: optStr(),
  at: optStr(40),
  amount: optNum,
  attrs: { type: ['object', 'null'], additionalProperties: { type: ['string', 'number', 'boolean'] }, maxProperties: 50 },
  note: optStr(2000),
};
export const eventInput = object({ id, ...eventFields });
export const eventPatch = object(eventFields);

/** Pay items (integer fen) or targets by name: the store checks the names and ranges. */
const amounts: SchemaObject = { type: 'object', maxProperties: 50, additionalProperties: { type: 'number' } };

const month: SchemaObject = { type: 'string', pattern: '^\\d{4}-\\d{2}$' };

/** The arguments of each mutation. */
export const ARGS = {
  createCallLog: object({ input: callLogInput, draftId: id }, ['input']),
  updateCallLog: object({ id, patch: callLogPatch, expectedRev: rev, draftId: id }, ['id', 'patch', 'expectedRev']),
  markFollowUpDone: object({ id, at: str(40), expectedRev: rev }, ['id', 'expectedRev']),
  deleteCallLog: object({ id, expectedRev: rev }, ['id', 'expectedRev']),
  importCallLogs: object({ inputs: { type: 'array', items: callLogInput, maxItems: 20000 } }, ['inputs']),
  saveFormDraft: object(
    {
      input: object({ id, form: str(100), value: {}, target: object({ id, rev }, ['id', 'rev']) }, ['id', 'form', 'value']),
    },
    ['input'],
  ),
  deleteFormDraft: object({ id }, ['id']),
  recordEvent: object({ input: eventInput }, ['input']),
  updateEvent: object({ id, patch: eventPatch, expectedRev: rev }, ['id', 'patch', 'expectedRev']),
  deleteEvent: object({ id, expectedRev: rev }, ['id', 'expectedRev']),
  openAppeal: object(
    {
      input: object(
        {
          id,
          consultant: str(),
          period: object({ from: str(20), to: str(20) }, ['from', 'to']),
          line: object({ rule: str(), window: str(40), events: { type: 'array', items: str(), maxItems: 10_000 } }, ['rule', 'events']),
          reason: str(2000),
        },
        ['consultant', 'line', 'reason'],
      ),
    },
    ['input'],
  ),
  decideAppeal: object(
    { id, decision: object({ decision: { enum: ['accept', 'reject'] }, note: str(2000), expectedRev: rev }, ['decision', 'expectedRev']) },
    ['id', 'decision'],
  ),
  publishRulebook: object(
    {
      rulebookId: id,
      source: str(200_000),
      effectiveFrom: str(20),
      note: str(500),
      confirmPastDate: { type: 'boolean' },
      draftRev: rev,
      expectedVersion: { type: 'integer', minimum: 0 },
    },
    ['source', 'effectiveFrom'],
  ),
  withdrawRulebook: object({ rulebookId: id, version: { type: 'integer', minimum: 1 }, reason: str(500) }, [
    'rulebookId',
    'version',
    'reason',
  ]),
  saveDraft: object({ rulebookId: id, source: str(200_000), effectiveFrom: str(20), expectedRev: rev }, ['source']),
  deleteDraft: object({ rulebookId: id }),
  putTeam: object({ team: object({ id, name: str(), lead: str() }, ['id', 'name']), expectedRev: rev }, ['team']),
  putMember: object(
    {
      member: object(
        { id, name: str(), teamId: str(), role: str(20), joinedOn: str(20), leftOn: str(20), payFen: amounts, targets: amounts },
        ['id', 'name', 'teamId', 'role', 'joinedOn'],
      ),
      expectedRev: rev,
    },
    ['member'],
  ),
  removeMember: object({ id, expectedRev: rev }, ['id', 'expectedRev']),
  removeTeam: object({ id, expectedRev: rev }, ['id', 'expectedRev']),
  importRoster: object(
    { table: { type: 'array', maxItems: 5001, items: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2000 } } } },
    ['table'],
  ),
  closeMonth: object({ month, reason: str(500) }, ['month']),
  reopenMonth: object({ month, reason: str(500) }, ['month', 'reason']),
  refreshOverdueFollowUps: object({}),
} satisfies Record<string, SchemaObject>;
