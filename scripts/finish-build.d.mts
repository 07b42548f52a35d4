export function finishBuild(dist: string, options?: { client?: 'all' | 'react' | 'none'; styles?: string }): void;
export function writeStylesheet(from: string, to: string): void;
