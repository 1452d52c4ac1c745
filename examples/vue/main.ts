/**
 * A Vue 3 page embedding the rulecard elements. Render functions (`h`), so no runtime
 * template compiler (it needs `unsafe-eval`, which a strict CSP forbids) and no build plugin.
 * Vue passes unknown props to custom elements as DOM properties when the element has them
 * (else attributes) and `onRulecardSaved` listens to the `rulecard-saved` DOM event.
 */
import { createApp, defineComponent, h, ref } from 'vue';
import '@rulecard/elements/scorecard';
import '@rulecard/elements/call-log';
import type { RulecardEventMap, Role } from '@rulecard/elements';

type Detail<K extends keyof RulecardEventMap> = CustomEvent<RulecardEventMap[K]>;

const USERS: { id: string; role: Role; label: string }[] = [
  { id: 'c02', role: 'consultant', label: '陈思远（咨询员）' },
  { id: 'c01', role: 'lead', label: '林晓雯（网络咨询组组长）' },
];

const App = defineComponent({
  setup() {
    const user = ref(USERS[0]);
    const lang = ref<'zh-CN' | 'en'>('zh-CN');
    const log = ref<string[]>([]);
    const note = (line: string) => (log.value = [line, ...log.value].slice(0, 5));

    return () =>
      h('div', [
        h('header', { class: 'bar' }, [
          h('h1', lang.value === 'en' ? 'rulecard in Vue 3' : 'rulecard · Vue 3 嵌入示例'),
          h(
            'select',
            {
              'aria-label': 'user',
              value: user.value.id,
              onChange: (e: Event) => (user.value = USERS.find((u) => u.id === (e.target as HTMLSelectElement).value) ?? USERS[0]),
            },
            USERS.map((u) => h('option', { value: u.id }, u.label)),
          ),
          h(
            'button',
            { type: 'button', onClick: () => (lang.value = lang.value === 'en' ? 'zh-CN' : 'en') },
            lang.value === 'en' ? '中文' : 'English',
          ),
        ]),
        h(
          'ul',
          { class: 'events', 'aria-live': 'polite' },
          log.value.map((l) => h('li', l)),
        ),
        h('rulecard-scorecard', {
          consultant: user.value.id,
          role: user.value.role,
          team: user.value.role === 'lead' ? 'net' : undefined,
          lang: lang.value,
          onRulecardAppeal: (e: Detail<'rulecard-appeal'>) => note(`appeal ${e.detail.action}: ${e.detail.rule}`),
        }),
        h('rulecard-call-log', {
          consultant: user.value.id,
          role: user.value.role,
          lang: lang.value,
          onRulecardSaved: (e: Detail<'rulecard-saved'>) => note(`saved ${e.detail.kind} ${e.detail.id}`),
          onRulecardError: (e: Detail<'rulecard-error'>) => note(`error: ${e.detail.message}`),
        }),
      ]);
  },
});

createApp(App).mount('#app');
