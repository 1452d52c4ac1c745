/**
 * The Chevrotain parser: one statement (a setting or a rule) at a time.
 *
 * `statements()` splits the token stream into statements first, so a bad
 * line never hides the errors of the next one; inside a statement Chevrotain's
 * own recovery (single-token insertion/deletion, re-sync) keeps going.
 */
import { CstParser, EOF, type CstNode, type IToken, type IRecognitionException } from 'chevrotain';
import * as T from './tokens.js';

export class RulebookParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  /** A setting or a rule. */
  public statement = this.RULE('statement', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.setting) }, { ALT: () => this.SUBRULE(this.rule) }]);
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
    ]);
  });

  /** `ID ["label"] [on TYPE] [where COND and COND…]: BODY` */
  public rule = this.RULE('rule', () => {
    this.CONSUME(T.Identifier, { LABEL: 'id' });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'label' }));
    this.OPTION2(() => {
      this.CONSUME(T.On);
      this.CONSUME2(T.Identifier, { LABEL: 'eventType' });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Where);
      this.AT_LEAST_ONE_SEP({ SEP: T.And, DEF: () => this.SUBRULE(this.condition) });
    });
    this.CONSUME(T.Colon);
    this.OR([
      { ALT: () => this.SUBRULE(this.effects) },
      { ALT: () => this.SUBRULE(this.tiersHead) },
      { ALT: () => this.SUBRULE(this.clause) },
    ]);
    this.MANY(() => {
      this.CONSUME(T.Semi);
      this.OPTION4(() => this.SUBRULE2(this.clause));
    });
  });

  /** `channel = "phone"`, `minutes > 30`, `amount >= 1000` */
  public condition = this.RULE('condition', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier, { LABEL: 'field' }) }, { ALT: () => this.CONSUME(T.Amount, { LABEL: 'field' }) }]);
    this.SUBRULE(this.comparator);
    this.OR2([
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: 'value' }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'value' }) },
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'value' }) },
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

  /** Per-event effects, comma-separated. */
  public effects = this.RULE('effects', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.effect) });
  });

  /** `[personal|team] N [yuan|points] per` or `[personal|team] P% of amount` */
  public effect = this.RULE('effect', () => {
    this.OPTION(() => this.SUBRULE(this.target));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral, { LABEL: 'value' });
          this.OPTION2(() => this.SUBRULE(this.unit));
          this.CONSUME(T.Per);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Percent, { LABEL: 'percent' });
          this.CONSUME(T.Of);
          this.CONSUME(T.Amount);
        },
      },
    ]);
  });

  public target = this.RULE('target', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Personal) }, { ALT: () => this.CONSUME(T.Team) }]);
  });

  public unit = this.RULE('unit', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Yuan) }, { ALT: () => this.CONSUME(T.Points) }]);
  });

  public windowUnit = this.RULE('windowUnit', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Day) }, { ALT: () => this.CONSUME(T.Week) }, { ALT: () => this.CONSUME(T.Month) }]);
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
   * A clause: `[SUBJECT] TEST [per WINDOW] [each [STEP%]] => EFFECTS`,
   * `else => EFFECTS`, or `rank [points] [per WINDOW] => 1st …, 2nd …`.
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
          this.OPTION(() => this.CONSUME(T.Points, { LABEL: 'byPoints' }));
          this.OPTION2(() => this.SUBRULE(this.windowSpec));
          this.CONSUME2(T.Arrow);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.placeEffect) });
        },
      },
      {
        ALT: () => {
          this.OPTION3(() => this.SUBRULE(this.subject));
          this.OPTION7(() => this.SUBRULE3(this.windowSpec, { LABEL: 'subjectWindow' }));
          this.SUBRULE(this.test);
          this.OPTION4(() => this.SUBRULE2(this.windowSpec));
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

  /** `all`, `[team] deductions`, `[team] points`, `ratio(A / B)` */
  public subject = this.RULE('subject', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.All) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Team));
          this.OR2([{ ALT: () => this.CONSUME(T.Deductions) }, { ALT: () => this.CONSUME(T.Points) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Ratio);
          this.CONSUME(T.LParen);
          this.CONSUME(T.Identifier, { LABEL: 'numerator' });
          this.CONSUME(T.Slash);
          this.CONSUME2(T.Identifier, { LABEL: 'denominator' });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  /** `> 2`, `>= 80%`, `10..19` */
  public test = this.RULE('test', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.comparator);
          this.SUBRULE(this.quantity);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.quantity, { LABEL: 'low' });
          this.CONSUME(T.DotDot);
          this.SUBRULE3(this.quantity, { LABEL: 'high' });
        },
      },
    ]);
  });

  public quantity = this.RULE('quantity', () => {
    this.OR([{ ALT: () => this.CONSUME(T.NumberLiteral) }, { ALT: () => this.CONSUME(T.Percent) }]);
  });

  public clauseEffects = this.RULE('clauseEffects', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.clauseEffect) });
  });

  /** `personal -12`, `team -12`, `50 yuan`, `team 50 yuan`, `40 yuan per`, `flag NAME`, `team flag NAME` */
  public clauseEffect = this.RULE('clauseEffect', () => {
    this.OPTION(() => this.SUBRULE(this.target));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Flag);
          this.CONSUME(T.Identifier, { LABEL: 'flagName' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral, { LABEL: 'value' });
          this.OPTION2(() => this.SUBRULE(this.unit));
          this.OPTION3(() => this.CONSUME(T.Per));
        },
      },
    ]);
  });

  /** `1st 150 yuan` */
  public placeEffect = this.RULE('placeEffect', () => {
    this.CONSUME(T.Ordinal);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.clauseEffect));
  });
}

/** The parser is stateless between inputs: one instance serves every compile. */
export const parser = new RulebookParser();

export interface ParsedStatement {
  cst: CstNode | undefined;
  tokens: IToken[];
  errors: IRecognitionException[];
}

/** Tokens after which a line may continue the same statement. */
const CONTINUES = new Set(
  [T.On, T.Where, T.And, T.Flag, T.Colon, T.Semi, T.Comma, T.Arrow, T.LParen, T.Slash, T.Of].map((t) => t.tokenTypeIdx),
);

/** Tokens after which a name is expected, so a line-initial name continues the statement. */
const NAME_EXPECTED = new Set([T.On, T.Where, T.And, T.Flag, T.LParen, T.Slash].map((t) => t.tokenTypeIdx));

/** `ID :`, `ID "label"`, `ID on` — the start of a rule even after an unfinished line. */
function looksLikeRuleHead(tokens: IToken[], i: number): boolean {
  if (tokens[i].tokenTypeIdx !== T.Identifier.tokenTypeIdx) return false;
  const next = tokens[i + 1]?.tokenTypeIdx;
  return next === T.Colon.tokenTypeIdx || next === T.StringLiteral.tokenTypeIdx || next === T.On.tokenTypeIdx;
}

/**
 * Splits tokens into statements: a new statement begins at the first token of
 * a line that is an identifier or a setting keyword, unless the previous token
 * expects more (`on`, `where`, `,`, `=>` …). A rule may span several lines.
 */
export function splitStatements(tokens: IToken[]): IToken[][] {
  const out: IToken[][] = [];
  let current: IToken[] = [];
  let prev: IToken | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const startsLine = !prev || (token.startLine ?? 0) > (prev.endLine ?? prev.startLine ?? 0);
    const idx = token.tokenTypeIdx;
    const canStart =
      idx === T.Identifier.tokenTypeIdx ||
      idx === T.RulebookKw.tokenTypeIdx ||
      idx === T.PointKw.tokenTypeIdx ||
      idx === T.WindowKw.tokenTypeIdx ||
      idx === T.TimezoneKw.tokenTypeIdx;
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
  parser.input = tokens;
  const cst = parser.statement();
  return { cst, tokens, errors: parser.errors };
}

export { EOF };
