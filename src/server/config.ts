/** Configuration from the environment, with the defaults a newcomer needs. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  staticDir: string;
  https: boolean;
  trustProxy: boolean;
  /** The address people use (for links in invitations), e.g. https://manyvoices.example.gov.uk */
  publicUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(env['PORT'] ?? '8080', 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a number from 1 to 65535, not "${env['PORT']}".`);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: env['DATA_DIR'] ?? './data',
    databaseUrl: env['DATABASE_URL'] || undefined,
    staticDir: env['STATIC_DIR'] ?? './dist',
    https: env['HTTPS'] === 'true' || env['HTTPS'] === '1',
    trustProxy: env['TRUST_PROXY'] === 'true' || env['TRUST_PROXY'] === '1',
    publicUrl: env['PUBLIC_URL']?.replace(/\/+$/, '') || undefined,
  };
}
