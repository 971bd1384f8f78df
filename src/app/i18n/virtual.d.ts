declare module 'virtual:locale-meta' {
  /** Each locale file's `meta`: whether a native speaker has reviewed it. Built from locales/*.json. */
  const meta: Record<string, { reviewed: boolean }>;
  export default meta;
}
