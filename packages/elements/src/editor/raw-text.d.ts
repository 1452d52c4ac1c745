/** Text files imported as strings (`?raw`: vite in the builds, a plugin of web-test-runner in the tests). */
declare module '*.rules?raw' {
  const text: string;
  export default text;
}
