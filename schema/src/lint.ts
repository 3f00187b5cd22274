import {
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type InterfaceTypeDefinitionNode,
} from 'graphql';
import { inferenceProblems } from './inference.js';
import { PRIVACY_LEVELS, PRIVACY_MASKS, type PrivacyLevel, type PrivacyMask } from './privacy.js';

/** A field's `@privacy`: the one classification type of the repository (gateway and tests use it). */
export interface Classification {
  level: PrivacyLevel;
  mask: PrivacyMask;
  /** Sibling fields the value can be derived from (inference.ts). */
  derivedFrom?: readonly string[];
}

type Container = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode;

function privacyOf(directives: readonly ConstDirectiveNode[] | undefined): Classification | undefined {
  const directive = directives?.find((d) => d.name.value === 'privacy');
  if (!directive) return undefined;
  const arg = (name: string) => {
    const value = directive.arguments?.find((a) => a.name.value === name)?.value;
    return value?.kind === Kind.ENUM ? value.value : undefined;
  };
  const level = arg('level');
  const mask = arg('mask') ?? 'NONE';
  if (!PRIVACY_LEVELS.includes(level as PrivacyLevel) || !PRIVACY_MASKS.includes(mask as PrivacyMask)) return undefined;
  const parts = directive.arguments?.find((a) => a.name.value === 'derivedFrom')?.value;
  const derivedFrom =
    parts?.kind === Kind.LIST ? parts.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : parts?.kind === Kind.STRING ? [parts.value] : undefined;
  return { level: level as PrivacyLevel, mask: mask as PrivacyMask, ...(derivedFrom ? { derivedFrom } : {}) };
}

/** Each output field's classification in one subgraph: the field's own, else its type's. */
export function classify(document: DocumentNode): { classified: Map<string, Classification>; problems: string[] } {
  const classified = new Map<string, Classification>();
  const problems: string[] = [];
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    const container = definition as Container;
    const typeLevel = privacyOf(container.directives);
    for (const field of container.fields ?? []) {
      const coordinate = `${container.name.value}.${field.name.value}`;
      const classification = privacyOf(field.directives) ?? typeLevel;
      if (!classification) {
        problems.push(`${coordinate} has no @privacy classification (on the field or its type)`);
        continue;
      }
      if (classification.level !== 'PUBLIC' && isNonNull(field)) {
        problems.push(`${coordinate} is ${classification.level} but non-null: a denied value must be able to become null`);
      }
      classified.set(coordinate, classification);
    }
  }
  return { classified, problems };
}

function isNonNull(field: FieldDefinitionNode): boolean {
  return field.type.kind === Kind.NON_NULL_TYPE;
}

/**
 * Lints all subgraphs together: every field classified, non-PUBLIC fields nullable, a field
 * declared by several subgraphs (entity keys, shared value types) classified the same in each, and
 * no masked value rebuildable from its parts under the policy (inference.ts).
 */
export function lintPrivacy(subgraphs: { name: string; document: DocumentNode }[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { subgraph: string; classification: Classification }>();
  for (const { name, document } of subgraphs) {
    const result = classify(document);
    problems.push(...result.problems.map((p) => `${name}: ${p}`));
    for (const [coordinate, classification] of result.classified) {
      const other = seen.get(coordinate);
      if (other && (other.classification.level !== classification.level || other.classification.mask !== classification.mask)) {
        problems.push(
          `${name}: ${coordinate} is ${classification.level}/${classification.mask} here but ${other.classification.level}/${other.classification.mask} in ${other.subgraph}`,
        );
      }
      if (!other) seen.set(coordinate, { subgraph: name, classification });
    }
  }
  problems.push(...inferenceProblems(new Map([...seen].map(([coordinate, { classification }]) => [coordinate, classification]))));
  return problems;
}
