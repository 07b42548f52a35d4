/** Types of scripts/chart-entries.mjs for the tests. */
export declare function expectedFiles(): Map<string, string>;
export declare function staleFiles(): string[];
