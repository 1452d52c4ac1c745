// The page's sign-in: c03's token from the demo server's token endpoint, given to the elements' own store.
import { configureSync } from '@rulecard/store';
import '@rulecard/elements/sync-status';

configureSync({
  getToken: async () => {
    const res = await fetch('/api/demo/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ member: 'c03' }),
    });
    return (await res.json()).token;
  },
});
