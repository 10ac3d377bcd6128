/** Enum names as people read them: `APPLICATION_STATUS_EVIDENCE_PENDING` → `evidence pending`. */
export function readable(enumName: string, prefix: string): string {
  const bare = enumName.startsWith(prefix) ? enumName.slice(prefix.length) : enumName;
  return bare.toLowerCase().replace(/_/g, ' ');
}

export const statusLabel = (status: string): string => readable(status, 'APPLICATION_STATUS_');
export const categoryLabel = (category: string): string => readable(category, 'PERMIT_CATEGORY_');
export const evidenceTypeLabel = (evidenceType: string): string => readable(evidenceType, 'EVIDENCE_TYPE_');
