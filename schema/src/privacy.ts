import { readFileSync } from 'node:fs';

export const PRIVACY_SPEC_URL = 'https://credit.example.gov.cn/privacy/v1.0';

export const PRIVACY_LEVELS = ['PUBLIC', 'INTERNAL', 'PERSONAL', 'SENSITIVE'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

export const PRIVACY_MASKS = ['NONE', 'CITIZEN_ID', 'NAME', 'PHONE', 'REGION_PREFECTURE'] as const;
export type PrivacyMask = (typeof PRIVACY_MASKS)[number];

/** The directive and its enums, appended to every subgraph's own SDL. */
export const privacyDirectiveSdl = readFileSync(new URL('../privacy.graphql', import.meta.url), 'utf8');

/** The `extend schema` header every subgraph starts with: federation plus the privacy spec. */
export const federationHeader = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9",
        import: ["@key", "@shareable", "@external", "@requires", "@provides", "@composeDirective", "@inaccessible"])
  @link(url: "${PRIVACY_SPEC_URL}", import: ["@privacy", "PrivacyLevel", "PrivacyMask"])
  @composeDirective(name: "@privacy")
`;
