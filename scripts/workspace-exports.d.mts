export interface WorkspacePackage {
  name: string;
  dir: string;
  exports: Record<string, string>;
}
export function workspacePackages(root: string): WorkspacePackage[];
export function exportTarget(specifier: string, packages: readonly WorkspacePackage[]): { pkg: WorkspacePackage; target: string } | undefined;
