export interface Config {
  opsdeck?: {
    /**
     * The demo portal. Only app-config.yaml (the demo) sets it; production
     * configuration leaves it unset or sets `enabled: false`.
     */
    demo?: {
      /**
       * Adds the demo-only backend pieces: guest sign-in
       * (`auth.providers.guest`) and the allow-all permission policy. When
       * false (the default) the backend signs users in only through the
       * providers configured under `auth.providers` (GitHub) and uses
       * Opsdeck's permission policy (`opsdeck.permission`); the app offers
       * guest sign-in only when it is true. Default false.
       * @visibility frontend
       */
      enabled?: boolean;
      /**
       * Directory of the local bare git repositories that templates publish
       * to in the demo (`publish:github`, `publish:gitlab` and their pull and
       * merge request actions are stand-ins there). Default: the system's
       * temporary directory, `opsdeck-demo-repositories`.
       */
      repositories?: string;
    };
    /** Opsdeck's permission policy (used whenever the demo is off). */
    permission?: {
      /**
       * Groups whose members get Opsdeck's restricted permissions: triggering,
       * acknowledging, resolving and annotating incidents
       * (`oncall.incident.*`), shift overrides (`oncall.override.create`),
       * rollbacks (`deployments.rollback`), cost imports (`cost.import`) and
       * an account's or the organisation's whole spend (`cost.account.read`,
       * `cost.overview.read`). Entity refs such as `group:default/platform`
       * (kind and namespace default to `group` and `default`). Membership is
       * read from the signed-in user's ownership entity refs. Every other
       * permission is allowed. Default: none, so nobody gets them.
       */
      adminGroups?: string[];
    };
  };
}
