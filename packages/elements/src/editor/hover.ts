/**
 * Hover help in the rulebook editor: over a keyword (either language), what
 * it means — the keyword table's own `doc`, with its other spellings; over a
 * name the last good compile declares (a rule, a pay item, a flag, a target),
 * what it is and, for a rule, its label.
 *
 * @example
 * ```ts
 * new EditorView({ extensions: [rulebookHover(() => namesOf(lastGood))] });
 * ```
 */
import { KEYWORDS, tokenize, type KeywordSpec, type Locale } from '@rulecard/dsl';
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { editorLocale, type RulebookNames } from './language.js';

const WORDS = {
  'zh-CN': {
    keyword: '关键字',
    also: (spellings: string) => `也可写作：${spellings}`,
    since2: '第 2 版写法',
    rule: '规则',
    pay: '工资项目',
    flag: '标记',
    target: '目标',
    eventType: '事件类型',
  },
  en: {
    keyword: 'keyword',
    also: (spellings: string) => `also written: ${spellings}`,
    since2: 'version 2 of the language',
    rule: 'rule',
    pay: 'pay item',
    flag: 'flag',
    target: 'target',
    eventType: 'event type',
  },
} as const;

let bySpelling: Map<string, KeywordSpec> | undefined;
/** Every spelling (canonical and aliases) of every keyword, to its entry. */
function keywordBySpelling(): Map<string, KeywordSpec> {
  if (!bySpelling) {
    bySpelling = new Map();
    for (const spec of KEYWORDS) for (const spelling of [spec.canonical, ...spec.aliases]) bySpelling.set(spelling, spec);
  }
  return bySpelling;
}

/** The hover text for `word` (a keyword spelling or a declared name), or `undefined`. */
export function hoverText(word: string, names: RulebookNames, locale: Locale): { title: string; body: string } | undefined {
  const w = WORDS[locale];
  const spec = keywordBySpelling().get(word);
  if (spec) {
    const others = [spec.canonical, ...spec.aliases].filter((s) => s !== word);
    const lines = [spec.doc[locale]];
    if (others.length) lines.push(w.also(others.join(' · ')));
    if (spec.since === 2) lines.push(w.since2);
    return { title: `${w.keyword} ${word}`, body: lines.join('\n') };
  }
  const rule = names.rules.find((r) => r.id === word);
  if (rule) return { title: `${w.rule} ${word}`, body: rule.label ?? '' };
  const pay = names.payItems.find((p) => p.name === word);
  if (pay) return { title: `${w.pay} ${word}`, body: pay.label ?? '' };
  if (names.flags.includes(word)) return { title: `${w.flag} ${word}`, body: '' };
  if (names.targets.includes(word)) return { title: `${w.target} ${word}`, body: '' };
  if (names.eventTypes.includes(word)) return { title: `${w.eventType} ${word}`, body: '' };
  return undefined;
}

/** The hover extension; `names()` is read at each hover (the last good compile). */
export function rulebookHover(names: () => RulebookNames): Extension {
  return hoverTooltip((view, pos): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const at = pos - line.from;
    const token = tokenize(line.text).find((t) => t.start <= at && at < t.end && (t.kind === 'keyword' || t.kind === 'identifier'));
    if (!token) return null;
    const text = hoverText(line.text.slice(token.start, token.end), names(), view.state.facet(editorLocale));
    if (!text) return null;
    return {
      pos: line.from + token.start,
      end: line.from + token.end,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'rc-hover';
        const title = document.createElement('strong');
        title.textContent = text.title;
        dom.append(title);
        if (text.body) {
          const body = document.createElement('p');
          body.textContent = text.body;
          dom.append(body);
        }
        return { dom };
      },
    };
  });
}
