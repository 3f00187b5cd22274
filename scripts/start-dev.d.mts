/** Types of scripts/start-dev.mjs (plain JavaScript: it runs before anything is compiled). */
export declare const TWIN: string;
export declare function compileTwins(root?: string): Promise<number | null>;
