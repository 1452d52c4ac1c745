/**
 * A React 19 page embedding the rulecard elements as JSX: attributes as props, typed
 * events as `onrulecard-*` props, the language from React state.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@rulecard/elements/scorecard';
import '@rulecard/elements/call-log';
import type { Role } from '@rulecard/elements';

const USERS: { id: string; role: Role; label: string }[] = [
  { id: 'c02', role: 'consultant', label: '陈思远（咨询员）' },
  { id: 'c01', role: 'lead', label: '林晓雯（网络咨询组组长）' },
];

function App() {
  const [user, setUser] = useState(USERS[0]);
  const [lang, setLang] = useState<'zh-CN' | 'en'>('zh-CN');
  const [log, setLog] = useState<string[]>([]);
  const note = (line: string) => setLog((l) => [line, ...l].slice(0, 5));

  return (
    <>
      <header className="bar">
        <h1>{lang === 'en' ? 'rulecard in React 19' : 'rulecard · React 19 嵌入示例'}</h1>
        <select value={user.id} onChange={(e) => setUser(USERS.find((u) => u.id === e.target.value) ?? USERS[0])} aria-label="user">
          {USERS.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {lang === 'en' ? '中文' : 'English'}
        </button>
      </header>
      <ul className="events" aria-live="polite">
        {log.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {user.role === 'lead' ? (
        <rulecard-scorecard
          consultant={user.id}
          role={user.role}
          team="net"
          lang={lang}
          onrulecard-appeal={(e) => note(`appeal ${e.detail.action}: ${e.detail.rule}`)}
        />
      ) : (
        <rulecard-scorecard
          consultant={user.id}
          role={user.role}
          lang={lang}
          onrulecard-appeal={(e) => note(`appeal ${e.detail.action}: ${e.detail.rule}`)}
        />
      )}
      <rulecard-call-log
        consultant={user.id}
        role={user.role}
        lang={lang}
        onrulecard-saved={(e) => note(`saved ${e.detail.kind} ${e.detail.id}`)}
        onrulecard-error={(e) => note(`error: ${e.detail.message}`)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
