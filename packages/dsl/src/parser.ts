// Over 500 lines because Chevrotain's rules of one grammar must be methods of one parser class; they read in the
// grammar's order, each a few lines.
/**
 * The Chevrotain parser: one statement (a setting, a rule or an example) at a time.
 *
 * `statements()` splits the token stream into statements first, so a bad
 * line never hides the errors of the next one; inside a statement Chevrotain's
 * own recovery (single-token insertion/deletion, re-sync) keeps going.
 */
import { CstParser, EOF, type CstNode, type IToken, type IRecognitionException, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

/**
 * Keywords of version 2 that were plain names in version 1: accepted where a
 * name is expected (an event type, a field, a flag, a pay item…), so that a
 * version-1 rulebook naming an event `target` or a flag `top` still compiles.
 */
export const SOFT_KEYWORDS: readonly TokenType[] = [
  T.Lead,
  T.For,
  T.Every,
  T.Quarter,
  T.Year,
  T.Ever,
  T.Running,
  T.Sum,
  T.Avg,
  T.Awards,
  T.Target,
  T.Unless,
  T.By,
  T.Top,
  T.At,
  T.Money,
  T.No,
  T.Pay,
  T.Workdays,
  T.Grace,
];

/** Soft keywords that may also be a rule's id (those that begin no statement of their own). */
export const SOFT_RULE_IDS: readonly TokenType[] = SOFT_KEYWORDS.filter((t) => t !== T.Pay && t !== T.Workdays && t !== T.Grace);

/** Syntax errors after which a statement is given up (only the first 3 are reported). */
export const MAX_STATEMENT_ERRORS = 8;

/** Thrown to give a statement up (caught by `parseStatement`). */
class StatementAbandoned extends Error {}

/** Chevrotain's internal hook that records each recognition error (not in its typings). */
type ErrorRecorder = { SAVE_ERROR(error: IRecognitionException): IRecognitionException };

export class RulebookParser extends CstParser {
  /**
   * `validate`: check the grammar while building the parser (ambiguities, left recursion…). Chevrotain's
   * validations are most of a parser's start-up (a third of a second in a cold browser page that compiles a
   * rulebook); the grammar does not change at run time, so the module's parser skips them and a test builds one
   * that checks them (packages/dsl/test/grammar-valid.test.ts).
   */
  constructor(options: { validate?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: 'full', skipValidations: !options.validate });
    this.performSelfAnalysis();
  }

  /**
   * Each syntax error costs Chevrotain a lookahead analysis (~1 ms) to build
   * its exception, and recovery keeps finding more in a long garbled line (a
   * fuzzed 16 KB line took 200 ms): after `MAX_STATEMENT_ERRORS` the
   * statement is given up.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = (CstParser.prototype as unknown as ErrorRecorder).SAVE_ERROR.call(this, error);
    if (this.errors.length > MAX_STATEMENT_ERRORS) throw new StatementAbandoned();
    return saved;
  }

  /** A setting, an example or a rule. */
  public statement = this.RULE('statement', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.setting) }, { ALT: () => this.SUBRULE(this.example) }, { ALT: () => this.SUBRULE(this.rule) }]);
  });

  public setting = this.RULE('setting', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.RulebookKw);
          this.CONSUME(T.StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PointKw);
          this.OPTION(() => this.CONSUME(T.Eq));
          this.CONSUME(T.NumberLiteral);
          this.CONSUME(T.Yuan);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.WindowKw);
          this.OPTION2(() => this.CONSUME2(T.Eq));
          this.SUBRULE(this.windowUnit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.TimezoneKw);
          this.OPTION3(() => this.CONSUME3(T.Eq));
          this.CONSUME2(T.StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Pay);
          this.SUBRULE(this.name, { LABEL: 'payName' });
          this.OPTION4(() => this.CONSUME3(T.StringLiteral, { LABEL: 'payLabel' }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Workdays);
          this.OPTION5(() => this.CONSUME4(T.Eq));
          this.CONSUME2(T.NumberLiteral, { LABEL: 'workdays' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Grace);
          this.OPTION6(() => this.CONSUME5(T.Eq));
          this.CONSUME3(T.NumberLiteral, { LABEL: 'grace' });
          this.OPTION7(() => this.CONSUME(T.Month));
        },
      },
    ]);
  });

  /** A name: an identifier, or a version-2 keyword that was a name in version 1. */
  public name = this.RULE('name', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, ...SOFT_KEYWORDS.map((t) => ({ ALT: () => this.CONSUME(t) }))]);
  });

  /** A rule's id: a name that does not begin a setting. */
  public ruleId = this.RULE('ruleId', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, ...SOFT_RULE_IDS.map((t) => ({ ALT: () => this.CONSUME(t) }))]);
  });

  /**
   * `ID ["label" {LANG "label"}] [on TYPE {, TYPE}] [for COND {and COND}] [where COND {and COND}] [unless flag F {, F}]: BODY`
   * — `rude_attitude "态度无礼" en "Rude attitude"`: the label in another language (`en`, `英文`).
   */
  public rule = this.RULE('rule', () => {
    this.SUBRULE(this.ruleId, { LABEL: 'id' });
    this.OPTION(() => {
      this.CONSUME(T.StringLiteral, { LABEL: 'label' });
      this.MANY2(() => {
        this.CONSUME(T.Identifier, { LABEL: 'labelLocale' });
        this.CONSUME2(T.StringLiteral, { LABEL: 'localeLabel' });
      });
    });
    this.OPTION2(() => {
      this.CONSUME(T.On);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name, { LABEL: 'eventType' }) });
    });
    this.OPTION3(() => {
      this.CONSUME(T.For);
      this.AT_LEAST_ONE_SEP2({ SEP: T.And, DEF: () => this.SUBRULE(this.condition, { LABEL: 'forCondition' }) });
    });
    this.OPTION4(() => {
      this.CONSUME(T.Where);
      this.AT_LEAST_ONE_SEP3({ SEP: T.And, DEF: () => this.SUBRULE2(this.condition) });
    });
    this.OPTION5(() => {
      this.CONSUME(T.Unless);
      this.CONSUME(T.Flag);
      this.AT_LEAST_ONE_SEP4({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.name, { LABEL: 'unlessFlag' }) });
    });
    this.CONSUME(T.Colon);
    this.OR([
      { ALT: () => this.SUBRULE(this.effects) },
      { ALT: () => this.SUBRULE(this.tiersHead) },
      { ALT: () => this.SUBRULE(this.clause) },
    ]);
    this.MANY(() => {
      this.CONSUME(T.Semi);
      this.OPTION6(() => this.SUBRULE2(this.clause));
    });
  });

  /** `channel = "phone"`, `minutes > 30`, `amount >= 1000`, `booked = 是`, `team = "net"` */
  public condition = this.RULE('condition', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.name, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(T.Amount, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(T.Team, { LABEL: 'field' }) },
    ]);
    this.SUBRULE(this.comparator);
    this.SUBRULE(this.value);
  });

  /** What a field is compared with or set to: `30`, `"phone"`, `是`/`true`, `2026-01-01`, `phone`. */
  public value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  public comparator = this.RULE('comparator', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Gte) },
      { ALT: () => this.CONSUME(T.Lte) },
      { ALT: () => this.CONSUME(T.Neq) },
      { ALT: () => this.CONSUME(T.Gt) },
      { ALT: () => this.CONSUME(T.Lt) },
      { ALT: () => this.CONSUME(T.Eq) },
    ]);
  });

  /** `超过` `达到` `不足` `不超过` (and English `over` `at_least` `under` `at_most`): a comparison written as a word. */
  public wordComparator = this.RULE('wordComparator', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Over) },
      { ALT: () => this.CONSUME(T.AtLeast) },
      { ALT: () => this.CONSUME(T.Under) },
      { ALT: () => this.CONSUME(T.AtMost) },
    ]);
  });

  /** Per-event effects, comma-separated. */
  public effects = this.RULE('effects', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.effect) });
  });

  /** `[personal|team|lead] [扣|奖] N [yuan|points] per`, `… N 分/次`, or `[…] P% of (amount | [daily] PAY) [per]` */
  public effect = this.RULE('effect', () => {
    this.OPTION(() => this.SUBRULE(this.target));
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.signedNumber);
          this.OPTION2(() => this.SUBRULE(this.unit));
          this.SUBRULE(this.perMark);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Percent, { LABEL: 'percent' });
          this.CONSUME(T.Of);
          this.SUBRULE(this.percentBase);
          this.OPTION3(() => this.SUBRULE2(this.perMark));
        },
      },
    ]);
  });

  /** `per`, `每次`, or `/次` (as in `-2 分/次`). */
  public perMark = this.RULE('perMark', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Per) },
      {
        ALT: () => {
          this.CONSUME(T.Slash);
          this.CONSUME(T.Times);
        },
      },
    ]);
  });

  /** `-8`, `扣 8` (= -8), `奖 8` / `加 8` (= +8). */
  public signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
    });
    this.CONSUME(T.NumberLiteral, { LABEL: 'value' });
  });

  /** What a percentage is of: `amount`, a pay item, or `daily` pay item (`日 base`). */
  public percentBase = this.RULE('percentBase', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Amount) },
      {
        ALT: () => {
          this.OPTION(() => {
            this.OR2([{ ALT: () => this.CONSUME(T.Daily) }, { ALT: () => this.CONSUME(T.Day, { LABEL: 'Daily' }) }]);
          });
          this.SUBRULE(this.name, { LABEL: 'pay' });
        },
      },
    ]);
  });

  public target = this.RULE('target', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Personal) }, { ALT: () => this.CONSUME(T.Team) }, { ALT: () => this.CONSUME(T.Lead) }]);
  });

  public unit = this.RULE('unit', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Yuan) }, { ALT: () => this.CONSUME(T.Points) }]);
  });

  public windowUnit = this.RULE('windowUnit', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Day) },
      { ALT: () => this.CONSUME(T.Week) },
      { ALT: () => this.CONSUME(T.Month) },
      { ALT: () => this.CONSUME(T.Quarter) },
      { ALT: () => this.CONSUME(T.Year) },
      { ALT: () => this.CONSUME(T.Ever) },
    ]);
  });

  public windowSpec = this.RULE('windowSpec', () => {
    this.CONSUME(T.Per);
    this.SUBRULE(this.windowUnit);
  });

  /** `tiers [per WINDOW]` */
  public tiersHead = this.RULE('tiersHead', () => {
    this.CONSUME(T.Tiers);
    this.OPTION(() => this.SUBRULE(this.windowSpec));
  });

  /**
   * A clause: `[SUBJECT] [per WINDOW] [TEST] [per WINDOW] [running N] [each [STEP%]] => EFFECTS`,
   * `every WINDOW => EFFECTS`, `else => EFFECTS`, or
   * `rank [MEASURE] [per WINDOW] [by team] => 1st …, top P% …`.
   */
  public clause = this.RULE('clause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Else);
          this.CONSUME(T.Arrow);
          this.SUBRULE(this.clauseEffects);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Rank);
          this.OPTION(() => this.SUBRULE(this.rankBy));
          this.OPTION2(() => this.SUBRULE(this.windowSpec));
          this.OPTION8(() => this.SUBRULE(this.byTeam));
          this.CONSUME2(T.Arrow);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.placeEffect) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.SUBRULE2(this.windowUnit, { LABEL: 'everyWindow' });
          this.CONSUME4(T.Arrow);
          this.SUBRULE3(this.clauseEffects);
        },
      },
      {
        ALT: () => {
          this.OPTION3(() => this.SUBRULE(this.subject));
          this.OPTION7(() => this.SUBRULE3(this.windowSpec, { LABEL: 'subjectWindow' }));
          this.OPTION9(() => this.SUBRULE(this.test));
          this.OPTION4(() => this.SUBRULE2(this.windowSpec));
          this.option(10, () => {
            this.CONSUME(T.Running);
            this.CONSUME(T.NumberLiteral, { LABEL: 'running' });
          });
          this.OPTION5(() => {
            this.CONSUME(T.Each);
            this.OPTION6(() => this.CONSUME(T.Percent, { LABEL: 'step' }));
          });
          this.CONSUME3(T.Arrow);
          this.SUBRULE2(this.clauseEffects);
        },
      },
    ]);
  });

  /** `by team`, `各组` */
  public byTeam = this.RULE('byTeam', () => {
    this.CONSUME(T.By);
    this.CONSUME(T.Team);
  });

  /** What a ranking ranks by: `points`, `awards`, `sum(score)`, `avg(amount)` (the count when absent). */
  public rankBy = this.RULE('rankBy', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Points) }, { ALT: () => this.CONSUME(T.Awards) }, { ALT: () => this.SUBRULE(this.aggregate) }]);
  });

  /** `sum(amount)`, `avg(score)` */
  public aggregate = this.RULE('aggregate', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Sum) }, { ALT: () => this.CONSUME(T.Avg) }]);
    this.CONSUME(T.LParen);
    this.OR2([{ ALT: () => this.CONSUME(T.Amount, { LABEL: 'field' }) }, { ALT: () => this.SUBRULE(this.name, { LABEL: 'field' }) }]);
    this.CONSUME(T.RParen);
  });

  /** `all`, `[team] deductions|points|awards`, `ratio(A [where …] / B [where …])`, `sum(…)`, `avg(…)` */
  public subject = this.RULE('subject', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.All) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Team));
          this.OR2([
            { ALT: () => this.CONSUME(T.Deductions) },
            { ALT: () => this.CONSUME(T.Points) },
            { ALT: () => this.CONSUME(T.Awards) },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Ratio);
          this.CONSUME(T.LParen);
          this.SUBRULE(this.ratioSide, { LABEL: 'numerator' });
          this.CONSUME(T.Slash);
          this.SUBRULE2(this.ratioSide, { LABEL: 'denominator' });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.aggregate) },
    ]);
  });

  /** `surgery`, `visit where booked = true` */
  public ratioSide = this.RULE('ratioSide', () => {
    this.SUBRULE(this.name, { LABEL: 'type' });
    this.OPTION(() => {
      this.CONSUME(T.Where);
      this.AT_LEAST_ONE_SEP({ SEP: T.And, DEF: () => this.SUBRULE(this.condition) });
    });
  });

  /** `> 2`, `>= 80%`, `10..19`, `超过 2`, `达到 2 次`, `3 次以上`, `5 以下`, `< target sales` */
  public test = this.RULE('test', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.comparator);
          this.SUBRULE(this.bound);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.wordComparator);
          this.SUBRULE2(this.bound);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.quantity, { LABEL: 'low' });
          this.CONSUME(T.DotDot);
          this.SUBRULE3(this.quantity, { LABEL: 'high' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE4(this.quantity, { LABEL: 'postfixed' });
          this.OR2([{ ALT: () => this.CONSUME(T.OrMore) }, { ALT: () => this.CONSUME(T.OrLess) }]);
        },
      },
    ]);
  });

  /** The right side of a comparison: a quantity, or `target NAME` (`指标 NAME`). */
  public bound = this.RULE('bound', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      {
        ALT: () => {
          this.CONSUME(T.Target);
          this.SUBRULE(this.name, { LABEL: 'targetName' });
        },
      },
    ]);
  });

  /** `2`, `2 次`, `60%` */
  public quantity = this.RULE('quantity', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => this.CONSUME(T.Times));
        },
      },
      { ALT: () => this.CONSUME(T.Percent) },
    ]);
  });

  /** `[每人] EFFECT {, EFFECT}` */
  public clauseEffects = this.RULE('clauseEffects', () => {
    this.OPTION(() => this.CONSUME(T.Everyone));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.clauseEffect) });
  });

  /** `personal -12`, `team 扣 12 分`, `lead -100 yuan`, `40 yuan per`, `-100% of bonus`, `flag NAME`, `team flag NAME` */
  public clauseEffect = this.RULE('clauseEffect', () => {
    this.OPTION(() => this.SUBRULE(this.target));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Flag);
          this.SUBRULE(this.name, { LABEL: 'flagName' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.signedNumber);
          this.OPTION2(() => this.SUBRULE(this.unit));
          this.OPTION3(() => this.SUBRULE(this.perMark));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Percent, { LABEL: 'percent' });
          this.CONSUME(T.Of);
          this.SUBRULE(this.percentBase);
          this.OPTION4(() => this.SUBRULE2(this.perMark));
        },
      },
    ]);
  });

  /** `1st 150 yuan`, `第一名 300 元`, `top 10% 300 yuan` (without a place: `rank-needs-places`) */
  public placeEffect = this.RULE('placeEffect', () => {
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Ordinal) },
        {
          ALT: () => {
            this.CONSUME(T.Top);
            this.CONSUME(T.Percent, { LABEL: 'top' });
          },
        },
      ]),
    );
    this.AT_LEAST_ONE(() => this.SUBRULE(this.clauseEffect));
  });

  // ---------------------------------------------------------------- examples (LANGUAGE.md §9.14)

  /** `example "NAME": given … expect … [period A..B]` */
  public example = this.RULE('example', () => {
    this.CONSUME(T.Example);
    this.CONSUME(T.StringLiteral, { LABEL: 'exampleName' });
    this.CONSUME(T.Colon);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Given);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.givenEvent) });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Expect);
            this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expectation) });
          },
        },
        { ALT: () => this.SUBRULE(this.examplePeriod) },
      ]);
    });
  });

  /** `period 2026-11-01..2026-11-30` */
  public examplePeriod = this.RULE('examplePeriod', () => {
    this.CONSUME(T.Period);
    this.CONSUME(T.DateLiteral, { LABEL: 'from' });
    this.CONSUME(T.DotDot);
    this.CONSUME2(T.DateLiteral, { LABEL: 'to' });
  });

  /** `TYPE [xN] on DATE [at HH:MM] by MEMBER [amount N] [ATTR = VALUE …]` */
  public givenEvent = this.RULE('givenEvent', () => {
    this.SUBRULE(this.name, { LABEL: 'type' });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'repeat' }) },
        { ALT: () => this.CONSUME(T.Repeat, { LABEL: 'repeat' }) },
        {
          ALT: () => {
            this.CONSUME(T.NumberLiteral, { LABEL: 'repeat' });
            this.OPTION2(() => this.CONSUME(T.Times));
          },
        },
      ]);
    });
    this.CONSUME(T.On);
    this.CONSUME(T.DateLiteral, { LABEL: 'date' });
    this.OPTION3(() => {
      this.CONSUME(T.At);
      this.CONSUME(T.TimeLiteral, { LABEL: 'time' });
    });
    this.CONSUME(T.By);
    this.SUBRULE(this.member);
    this.OPTION4(() => {
      this.CONSUME(T.Amount);
      this.CONSUME2(T.NumberLiteral, { LABEL: 'amount' });
    });
    this.MANY(() => this.SUBRULE(this.givenAttr));
  });

  /** `channel = "phone"`, `booked = 是` */
  public givenAttr = this.RULE('givenAttr', () => {
    this.SUBRULE(this.name, { LABEL: 'field' });
    this.CONSUME(T.Eq);
    this.SUBRULE(this.value);
  });

  /** A member id in an example: `c01`, `"王芳"`, `1001`. */
  public member = this.RULE('member', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
    ]);
  });

  /** `[MEMBER | team [ID]] (points N | money N | flag F | no flag F)` */
  public expectation = this.RULE('expectation', () => {
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.member) },
        {
          ALT: () => {
            this.CONSUME(T.Team);
            this.OPTION2(() => this.SUBRULE2(this.member, { LABEL: 'teamId' }));
          },
        },
      ]);
    });
    this.OR2([
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(T.Points, { LABEL: 'what' }) },
            { ALT: () => this.CONSUME(T.Money, { LABEL: 'what' }) },
            { ALT: () => this.CONSUME(T.Amount, { LABEL: 'what' }) },
          ]);
          this.SUBRULE(this.signedNumber);
          this.OPTION3(() => this.SUBRULE(this.unit));
        },
      },
      {
        ALT: () => {
          this.OPTION4(() => this.CONSUME(T.No));
          this.CONSUME(T.Flag);
          this.SUBRULE(this.name, { LABEL: 'flagName' });
        },
      },
    ]);
  });
}

/** The parser is stateless between inputs: one instance serves every compile. */
export const parser = new RulebookParser();

export interface ParsedStatement {
  cst: CstNode | undefined;
  tokens: IToken[];
  errors: IRecognitionException[];
}

const idx = (types: TokenType[]) => new Set(types.map((t) => t.tokenTypeIdx));

/** Tokens after which a line may continue the same statement. */
const CONTINUES = idx([
  T.On,
  T.For,
  T.Where,
  T.And,
  T.Unless,
  T.Flag,
  T.Colon,
  T.Semi,
  T.Comma,
  T.Arrow,
  T.LParen,
  T.Slash,
  T.Of,
  T.Daily,
  T.Target,
  T.By,
  T.At,
  T.Top,
  T.Minus,
  T.Plus,
  T.Over,
  T.AtLeast,
  T.Under,
  T.AtMost,
  T.Everyone,
  T.Given,
  T.Expect,
]);

/** Tokens after which a name is expected: a line-initial name continues the statement, and is not a misspelt keyword. */
export const NAME_EXPECTED_AFTER: readonly TokenType[] = [
  T.On,
  T.For,
  T.Where,
  T.And,
  T.Unless,
  T.Flag,
  T.LParen,
  T.Slash,
  T.Of,
  T.Daily,
  T.Target,
  T.By,
  T.Given,
  T.Expect,
];
const NAME_EXPECTED = idx([...NAME_EXPECTED_AFTER]);

/** Setting keywords and `example`: they begin a statement at the start of a line. */
const STATEMENT_KEYWORDS = idx([T.RulebookKw, T.PointKw, T.WindowKw, T.TimezoneKw, T.Pay, T.Workdays, T.Grace, T.Example]);
const RULE_ID_SOFT = idx([...SOFT_RULE_IDS]);
const HEAD_NEXT = idx([T.Colon, T.StringLiteral, T.On, T.For, T.Where, T.Unless]);

/** `ID :`, `ID "label"`, `ID on` … — the start of a rule even after an unfinished line. */
function looksLikeRuleHead(tokens: IToken[], i: number): boolean {
  const t = tokens[i].tokenTypeIdx;
  if (t !== T.Identifier.tokenTypeIdx && !RULE_ID_SOFT.has(t)) return false;
  const next = tokens[i + 1]?.tokenTypeIdx;
  return next !== undefined && HEAD_NEXT.has(next);
}

/**
 * Splits tokens into statements: a new statement begins at the first token of
 * a line that is an identifier, a setting keyword or `example`, unless the
 * previous token expects more (`on`, `where`, `,`, `=>` …). A rule may span
 * several lines; so does an example (its `given`/`expect` lines).
 */
export function splitStatements(tokens: IToken[]): IToken[][] {
  const out: IToken[][] = [];
  let current: IToken[] = [];
  let prev: IToken | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const startsLine = !prev || (token.startLine ?? 0) > (prev.endLine ?? prev.startLine ?? 0);
    const kind = token.tokenTypeIdx;
    const canStart =
      kind === T.Identifier.tokenTypeIdx || STATEMENT_KEYWORDS.has(kind) || (RULE_ID_SOFT.has(kind) && looksLikeRuleHead(tokens, i));
    const continues = prev && CONTINUES.has(prev.tokenTypeIdx) && !(looksLikeRuleHead(tokens, i) && !NAME_EXPECTED.has(prev.tokenTypeIdx));
    if (current.length && startsLine && canStart && !continues) {
      out.push(current);
      current = [];
    }
    current.push(token);
    prev = token;
  }
  if (current.length) out.push(current);
  return out;
}

export function parseStatement(tokens: IToken[]): ParsedStatement {
  // Chevrotain's recovery throws and catches an Error per syntax error; their
  // stack traces are never read and cost most of a bad file's parse.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // a copy: Chevrotain pads its input with EOF sentinels and, when a statement is given up
    // from its end-of-input check, does not take them off again
    parser.input = tokens.slice();
    const cst = parser.statement();
    return { cst, tokens, errors: parser.errors };
  } catch (e) {
    if (e instanceof StatementAbandoned) return { cst: undefined, tokens, errors: parser.errors };
    throw e;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export { EOF };
