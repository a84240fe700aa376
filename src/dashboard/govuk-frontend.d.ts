// govuk-frontend ships no type declarations; the dashboard uses only these.
declare module 'govuk-frontend' {
  export class SkipLink {}
  export class ServiceNavigation {}
  export function createAll(component: unknown, config?: unknown, scope?: Element): unknown[];
}
