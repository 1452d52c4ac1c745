// The module's parser and lexer skip Chevrotain's checks of their definitions (start-up time: parser.ts); these
// build them with the checks on, so a grammar change that makes an ambiguity or an unreachable token fails here.
import { describe, expect, it } from 'vitest';
import { Lexer } from 'chevrotain';
import { RulebookParser } from '../src/parser.js';
import { LEXER_CONFIG, LEXER_TOKENS, lexer } from '../src/tokens.js';

describe('the grammar, checked by Chevrotain', () => {
  it('builds the parser with its validations: no definition error', () => {
    // Chevrotain throws from the constructor on a definition error when its validations run.
    const checked = new RulebookParser({ validate: true });
    expect(checked).toBeInstanceOf(RulebookParser);
  });

  it('builds the lexer with its validations: no definition error, and it lexes as the module lexer does', () => {
    const checked = new Lexer(LEXER_TOKENS, { ...LEXER_CONFIG, skipValidations: false });
    expect(checked.lexerDefinitionErrors).toEqual([]);
    const source = 'rude_attitude "态度恶劣": -8 per; >2 per month => personal -12, team -12\n迟到: -1 per';
    const names = (tokens: { tokenType: { name: string }; image: string }[]) => tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    expect(names(checked.tokenize(source).tokens)).toEqual(names(lexer.tokenize(source).tokens));
  });
});
