// The kit's one security-policy module. Pages get the policy as a <meta> tag; static hosts get
// the same policy (plus the headers a meta tag cannot carry) from hostHeaders().

export interface PolicyOptions {
  /** Origins allowed in frames (the book's PeerTube instances), e.g. https://video.example. */
  frameOrigins?: string[];
  /** Pages that run the search need WebAssembly compilation. */
  wasm?: boolean;
}

/** The Content-Security-Policy: everything from the site itself, nothing from anywhere else. */
export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const frames = options.frameOrigins?.length ? options.frameOrigins.join(' ') : "'none'";
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', options.wasm ? "'self' 'wasm-unsafe-eval'" : "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['media-src', "'self'"],
    ['manifest-src', "'self'"],
    ['frame-src', frames],
    ['worker-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
  ];
  return directives.map(([k, v]) => `${k} ${v}`).join('; ');
}

/** Headers for static hosts: the CSP plus what only an HTTP header can say. */
export function hostHeaders(options: PolicyOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(options)}; frame-ancestors 'self'`,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * A `_headers` file (Netlify, Cloudflare Pages and compatible hosts). The header policy is the
 * union of what the pages need; each page's <meta> policy narrows it further (browsers enforce
 * both).
 */
export function headersFile(base: string, options: PolicyOptions = {}): string {
  const headers = hostHeaders({ ...options, wasm: true });
  const lines = Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`);
  return `# Security headers for static hosts that read _headers (written by Planches).\n${base}*\n${lines.join('\n')}\n`;
}

/** The same headers as an nginx `location` block, to include in a server block. */
export function nginxSnippet(base: string, root: string, options: PolicyOptions = {}): string {
  const headers = hostHeaders({ ...options, wasm: true });
  const lines = Object.entries(headers).map(([k, v]) => `    add_header ${k} "${v.replace(/"/g, '\\"')}" always;`);
  return `# nginx: serve the built book at ${base} (written by Planches). Include inside a server { } block.
location ${base} {
    alias ${root.endsWith('/') ? root : `${root}/`};
    index index.html;
    try_files $uri $uri/ =404;
    error_page 404 ${base}404.html;
${lines.join('\n')}
    # A types block here replaces nginx's whole list: include it, then add what older lists lack
    # (nginx warns "duplicate extension" where its list already has them: harmless).
    include mime.types;
    types { application/wasm wasm; application/epub+zip epub; image/avif avif; }
    # The panels are SVG: compressed they are about a quarter of their size.
    gzip on;
    gzip_types image/svg+xml text/css application/javascript application/json application/xml application/rss+xml;
}
`;
}
