declare module 'virtual:locale-meta' {
  /** Each locale file's `meta`: whether a native speaker has reviewed it. Built from locales/*.json. */
  const meta: Record<string, { reviewed: boolean }>;
  export default meta;
}

declare module 'virtual:locale-loaders' {
  type Strings = Record<string, unknown>;
  /**
   * Per language code, its first chunk: every section but the deferred ones (see sections.ts), and a loader
   * for each deferred section. Built from locales/*.json.
   */
  const loaders: Record<string, () => Promise<{ default: Strings; sections: Record<string, () => Promise<{ default: Strings }>> }>>;
  export default loaders;
}
