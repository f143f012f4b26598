// Nothing global to stop yet: each spec closes what it starts (apps, fixture servers).
export default async function globalTeardown(): Promise<void> {}
