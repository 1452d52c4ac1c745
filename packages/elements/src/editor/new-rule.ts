/**
 * The editor's "new rule" panel: pick a shape (rule-templates.ts), write
 * the rule in one Chinese sentence if you like — its words fill the template
 * where they match — see the rule, insert it at the end of the text.
 *
 * @example
 * ```ts
 * private readonly newRule = new NewRulePanel(this, this.i18n, (text) => this.appendRule(text));
 * render() { return html`${this.newRule.render()}`; }
 * ```
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LocaleController } from '../shared/i18n.js';
import type { SharedMessages } from '../shared/messages/index.js';
import type { EditorMessages } from './messages/index.js';
import { fromSentence, ruleTemplate, SHAPES, type Keywords, type Shape } from './rule-templates.js';

export class NewRulePanel implements ReactiveController {
  shape: Shape = 'per-incident';
  sentence = '';
  keywords?: Keywords;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly i18n: LocaleController<SharedMessages & EditorMessages>,
    private readonly insert: (text: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The rule the panel would insert now. */
  get text(): string {
    const suggested = fromSentence(this.sentence);
    const fill = suggested && suggested.shape === this.shape ? suggested.fill : {};
    return ruleTemplate(this.shape, this.keywords ?? this.i18n.locale, fill);
  }

  private setSentence(value: string): void {
    this.sentence = value;
    const suggested = fromSentence(value);
    if (suggested) this.shape = suggested.shape;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    const { msg } = this.i18n;
    const keywords = this.keywords ?? this.i18n.locale;
    return html`<details class="new-rule" part="new-rule">
      <summary>${msg.newRule}</summary>
      <div class="new-rule-form">
        <label>
          ${msg.newRuleSentence}
          <input
            type="text"
            part="new-rule-sentence"
            .value=${this.sentence}
            placeholder=${msg.newRuleSentenceExample}
            @input=${(e: Event) => this.setSentence((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          ${msg.newRuleShape}
          <select
            part="new-rule-shape"
            @change=${(e: Event) => {
              this.shape = (e.target as HTMLSelectElement).value as Shape;
              this.host.requestUpdate();
            }}
          >
            ${SHAPES.map((s) => html`<option value=${s} ?selected=${s === this.shape}>${msg.newRuleShapes[s]}</option>`)}
          </select>
        </label>
        <label>
          ${msg.newRuleKeywords}
          <select
            part="new-rule-keywords"
            @change=${(e: Event) => {
              this.keywords = (e.target as HTMLSelectElement).value as Keywords;
              this.host.requestUpdate();
            }}
          >
            <option value="zh-CN" ?selected=${keywords === 'zh-CN'}>中文</option>
            <option value="en" ?selected=${keywords === 'en'}>English</option>
          </select>
        </label>
        <pre class="rule-text" part="new-rule-preview" aria-label=${msg.newRulePreview}>${this.text}</pre>
        <button type="button" part="new-rule-insert" @click=${() => this.insert(this.text)}>${msg.newRuleInsert}</button>
      </div>
    </details>`;
  }
}
