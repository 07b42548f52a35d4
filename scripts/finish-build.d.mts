export function finishBuild(dist: string, options?: { client?: 'all' | 'react' | 'none' }): void;
