/** The parts of the untyped statistics and sentiment packages this code uses. */
declare module "jstat" {
  export const jStat: {
    studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number };
  };
}

declare module "vader-sentiment" {
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
  };
}

/** The package's own lexicon module (word → mean valence), which the tests compare ours with. */
declare module "vader-sentiment/src/vader_lexicon.js" {
  export const lexicon: Record<string, number>;
}

/** tiny-inflate: raw DEFLATE `source` inflated into `dest` (sized to the inflated bytes), which it returns. */
declare module "tiny-inflate" {
  export default function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array;
}
