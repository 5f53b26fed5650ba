export interface Config {
  opsdeck?: {
    demo?: {
      /**
       * The demo portal (see packages/backend/config.d.ts): the app offers
       * guest sign-in when true, GitHub sign-in otherwise.
       * @visibility frontend
       */
      enabled?: boolean;
    };
  };
}
