/** One label matcher of a PromQL selector. @public */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** A parsed instant-vector selector. @public */
export interface MetricSelector {
  metric?: string;
  matchers: LabelMatcher[];
}

const MATCHER_PATTERN =
  /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*(,|$)/;

/**
 * Parses a selector like `http_requests_total{code!~"5.."}`; undefined when
 * the text is not a plain selector.
 *
 * @public
 */
export function parseMetricSelector(text: string): MetricSelector | undefined {
  const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?(?:\{(.*)\})?$/s.exec(text.trim());
  if (!match || (!match[1] && match[2] === undefined)) {
    return undefined;
  }
  const matchers: LabelMatcher[] = [];
  let rest = match[2] ?? '';
  while (rest.trim().length > 0) {
    const m = MATCHER_PATTERN.exec(rest);
    if (!m) {
      return undefined;
    }
    const raw = m[3];
    const value = raw
      .slice(1, -1)
      .replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    matchers.push({ label: m[1], op: m[2] as LabelMatcher['op'], value });
    rest = rest.slice(m[0].length);
  }
  let metric = match[1];
  const nameMatcher = matchers.find(
    m => m.label === '__name__' && m.op === '=',
  );
  if (!metric && nameMatcher) {
    metric = nameMatcher.value;
  }
  return { metric, matchers: matchers.filter(m => m !== nameMatcher) };
}

/** Whether a label set (missing labels read as "") satisfies a selector. @public */
export function selectorMatches(
  selector: MetricSelector,
  metric: string,
  labels: Record<string, string>,
): boolean {
  if (selector.metric && selector.metric !== metric) {
    return false;
  }
  return selector.matchers.every(m => {
    const value = labels[m.label] ?? '';
    switch (m.op) {
      case '=':
        return value === m.value;
      case '!=':
        return value !== m.value;
      default: {
        const matches = new RegExp(`^(?:${m.value})$`).test(value);
        return m.op === '=~' ? matches : !matches;
      }
    }
  });
}
