/**
 * Curated routing vocabulary for the built-in profiles: term or phrase → weight.
 * Roughly: 3 = nearly decisive, 2 = strong hint, 1 = supporting word, 0.5 = weak.
 * Multi-word phrases match as a run of words after normalisation (see text-terms.ts).
 * Tuned on test/fixtures/classifier/tuning.tsv only.
 */
export const BUILTIN_LEXICON: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  general: {
    summarize: 1, summarise: 1, reformat: 2, 'numbered list': 2, sort: 1.5,
    alphabetically: 2, rename: 1.5, 'packing list': 2.5, translate: 2, notes: 1, birthday: 2, trip: 1.5,
    'difference between': 1.5, 'email thread': 1.5, message: 0.5,
  },
  'code-reviewer': {
    review: 1.5, 'code review': 3.5, 'pull request': 3, pr: 2.5, 'merge request': 3, diff: 2.5, merge: 1.5,
    security: 2, vulnerability: 2.5, vulnerabilities: 2.5, audit: 1.5, injection: 2.5, xss: 3, csrf: 3,
    authentication: 1.5, auth: 1, owasp: 3, 'code smell': 3, smell: 1.5, 'security review': 3.5, 'error handling': 1,
    feedback: 1, risky: 1, flag: 0.5, assess: 0.5, controller: 1, handler: 1,
    'sql queries': 1, code: 0.5,
  },
  'software-engineer': {
    implement: 2.5, implementation: 1.5, feature: 1, build: 0.8, add: 0.5, endpoint: 2, api: 0.8, refactor: 3,
    component: 2, react: 1, frontend: 1.5, backend: 1, function: 1.5, middleware: 2.5, integrate: 2,
    sdk: 1, cli: 2, command: 0.5, page: 0.5, ui: 1.5, pagination: 2.5, upload: 1.5,
    parse: 1, parser: 1, service: 0.5, class: 1, registration: 1.5, 'email verification': 1.5,
    filter: 1, sorting: 1, support: 0.3, export: 0.5, json: 1, form: 0.5, 'web app': 1, database: 0.5, schema: 1,
  },
  'test-engineer': {
    test: 2.5, 'unit test': 3, 'integration test': 3, 'end-to-end': 3, e2e: 3, playwright: 2.5, cypress: 2.5,
    coverage: 3, 'test coverage': 3, flaky: 3, regression: 1, mock: 2.5, mocks: 2.5, 'test plan': 3, 'test case': 3,
    harness: 2.5, qa: 2.5, 'property-based': 2.5, spec: 1, jest: 2, vitest: 2, pytest: 2.5, assertion: 2, fixture: 1.5,
  },
  debugger: {
    debug: 3, bug: 2, crash: 2.5, error: 1.5, 'root cause': 3, exception: 2.5, 'stack trace': 3, trace: 1, fix: 1.2,
    failure: 1.5, fail: 1.2, hang: 2.5, freeze: 2, leak: 2.5, 'memory leak': 3, 'race condition': 3, deadlock: 3,
    segfault: 3, intermittent: 2, diagnose: 3, reproduce: 2, why: 1.5, 'figure out': 1.5, 'track down': 2, broken: 1.5,
    '500 error': 2, timeout: 1, 'off by one': 2, corrupt: 2, wrong: 1, slow: 1,
  },
  'devops-engineer': {
    devops: 3, ci: 2.5, cd: 2, pipeline: 2, deploy: 2.5, deployment: 2, docker: 3, dockerfile: 3, container: 2.5,
    containerize: 3, kubernetes: 3, k8s: 3, helm: 3, terraform: 3, infrastructure: 2.5, 'github actions': 3, nginx: 2.5,
    'reverse proxy': 2.5, tls: 1.5, certificate: 1.5, prometheus: 3, grafana: 3, monitoring: 2.5, alert: 2,
    autoscaling: 3, cluster: 2, staging: 1.5, server: 1, backup: 1.5, cron: 2.5, 'docker compose': 3, aws: 1.5, s3: 1.5,
    uptime: 2, logging: 1, microservices: 1,
  },
  'upgrade-assistant': {
    upgrade: 3, migrate: 2.5, migration: 1, bump: 3, outdated: 3, deprecated: 3, deprecation: 3, 'breaking change': 3,
    version: 2, update: 1, 'latest version': 2, 'major version': 3, dependencies: 1.5, dependency: 1, node: 1, python: 1,
    angular: 1, django: 1, 'spring boot': 1.5, webpack: 1.5, vite: 1.5, typescript: 0.5, express: 0.5, replace: 1,
    'new type errors': 1, 'moment js': 1, compiler: 1,
  },
  'data-analyst': {
    data: 1.5, analyze: 1.5, analyse: 1.5, analysis: 1.5, dataset: 3, sql: 2.5, query: 2, chart: 2, dashboard: 2,
    statistics: 2.5, pandas: 3, cohort: 3, trend: 1.5, metrics: 1, funnel: 2, conversion: 1,
    outlier: 2.5, 'b test': 3, significance: 3, churn: 1.5, retention: 1, segment: 1,
    'average order value': 2.5, excel: 1, spreadsheet: 1, clean: 1.5, survey: 1, logs: 1, traffic: 1.5, referrer: 2,
    'event data': 2.5, 'revenue by': 1.5, report: 0.5, signup: 1, visualize: 2,
  },
  'document-writer': {
    documentation: 3, document: 2, docs: 3, doc: 2, readme: 3, guide: 2, 'user guide': 3, tutorial: 3,
    'getting started': 3, changelog: 3, 'release notes': 3, docstring: 3, 'api documentation': 4, 'api reference': 3,
    overview: 1, 'design doc': 3, runbook: 2.5, manual: 2, wiki: 2,
    'technical writing': 3, 'docs site': 3, explain: 0.5, 'how to': 0.5, 'configuration options': 1,
  },
  researcher: {
    research: 3, investigate: 1.5, compare: 2, comparison: 2, survey: 1.5, 'state art': 3, paper: 3, studies: 3,
    study: 2, literature: 3, sources: 2.5, summarize: 0.5, tradeoffs: 2, 'trade offs': 2, approaches: 1.5,
    alternatives: 2, best: 1, market: 1, competitor: 2, 'competitor pricing': 3, regulations: 2, 'how other': 2.5,
    history: 2, options: 1, evaluate: 1.5, landscape: 2.5, gather: 1.5, recent: 1, 'open-source': 1, providers: 1.5,
    tools: 0.5, 'find and summarize': 2,
  },
  'marketing-strategist': {
    marketing: 3, strategy: 2, 'go-to-market': 3.5, gtm: 3, positioning: 3, 'value proposition': 3, campaign: 2.5,
    audience: 2, 'target audience': 3, persona: 1.5, brand: 2, messaging: 2,
    launch: 1.5, channels: 2, budget: 1, seo: 2, 'market segment': 2, promotion: 2, pricing: 1,
    'email marketing': 3, awareness: 2, 're-engage': 2, churned: 1, acquisition: 1, growth: 1.5, plan: 0.5,
  },
  'content-creator': {
    blog: 3, 'blog post': 3, article: 2.5, post: 1.5, 'social media': 2.5, linkedin: 3, twitter: 3, tweet: 3,
    tweets: 3, instagram: 3, tiktok: 3, caption: 3, newsletter: 3, copy: 2, copywriting: 3, 'landing page copy': 3,
    script: 1.5, 'video script': 3, video: 1.5, podcast: 2.5, 'case study': 3.5, headline: 2.5, hashtags: 2,
    'press release': 2.5, announcing: 1.5, announce: 1.5, story: 1, episode: 2, outline: 1,
  },
  'sales-researcher': {
    sales: 2.5, prospect: 3, prospecting: 3, lead: 2.5, 'lead list': 3, 'prospect list': 3, outbound: 3,
    'decision makers': 3, account: 1.5, 'target accounts': 3, 'buying signals': 3,
    'discovery call': 3, 'sales call': 3, renewal: 2, icp: 3, 'ideal customer profile': 3, qualify: 3, inbound: 2,
    enrich: 2.5, 'contact details': 2.5, contacts: 1.5, vp: 1.5, battlecard: 3, crm: 2.5, vertical: 2,
    companies: 1, retailers: 1, startups: 1,
  },
  'customer-support-agent': {
    customer: 1.5, support: 2, ticket: 3, 'support ticket': 3, reply: 2.5, respond: 2.5, response: 2, answer: 1.5,
    complaint: 3, refund: 2, apology: 2.5, apologize: 2, angry: 2, frustrated: 2,
    'help center': 3, faq: 2.5, 'canned responses': 3, troubleshooting: 2, 'cannot log in': 2, inbox: 2, triage: 2.5,
    escalate: 2, 'user asking': 1.5, outage: 1, 'failed payment': 1,
  },
  'financial-analyst': {
    financial: 3, finance: 2, budget: 2, 'budget variance': 3, variance: 2, forecast: 2.5, revenue: 1.5, profit: 2,
    'gross profit': 3, margin: 2.5, 'burn rate': 3, runway: 3, 'cash flow': 3, 'balance sheet': 3, valuation: 3,
    dcf: 3, roi: 3, 'return investment': 3, investment: 2, npv: 3, irr: 3, expenses: 2.5, cost: 1,
    'unit economics': 3, cac: 2.5, 'acquisition cost': 2.5, payback: 2.5, ebitda: 3, 'three-statement': 3,
    'financial model': 4, 'p l': 3, 'income statement': 3, accounting: 2, quarterly: 1,
  },
  'project-manager': {
    project: 2, 'project plan': 3.5, milestone: 3, timeline: 2.5, gantt: 3, schedule: 1.5, 'status report': 3.5,
    status: 1.5, raci: 3, risks: 2, risk: 1, dependencies: 1, sprint: 3, backlog: 1, estimate: 2, 'meeting minutes': 3,
    minutes: 2, 'action items': 3, kickoff: 2.5, deliverables: 3, deadlines: 2.5, deadline: 2, charter: 3, scope: 2,
    stakeholders: 2, retrospective: 3, 'lessons learned': 3, rollout: 1.5, delay: 2, 'work breakdown': 3,
    initiative: 1.5, track: 1.5, plan: 1,
  },
  'product-manager': {
    product: 2, prd: 3, 'product requirements': 3.5, requirements: 2.5, 'user stories': 3.5, 'acceptance criteria': 3,
    roadmap: 3, prioritize: 2.5, prioritization: 2.5, 'feature requests': 3, feature: 1, backlog: 2, rice: 3,
    'success metrics': 3, kpis: 2, personas: 2, 'jobs done': 3, 'one-pager': 2.5, 'customer interview': 2.5,
    insights: 2, discovery: 1.5, mvp: 3, 'product strategy': 3, themes: 1.5, proposing: 1,
  },
  'operations-coordinator': {
    operations: 3, ops: 2, process: 2.5, workflow: 2.5, sop: 3, 'standard operating procedure': 4, procedure: 2.5,
    checklist: 3, logistics: 3, vendor: 2.5, supplier: 2, office: 1.5, event: 1.5,
    shifts: 3, rota: 3, scheduling: 2, schedule: 1.5, inventory: 3, reorder: 3, 'purchase order': 3, procurement: 3,
    'office supplies': 3, supplies: 2, equipment: 2, shipping: 2.5, coordinate: 2,
    'expense approval': 2, approval: 1, facilities: 3, warehouse: 2, staff: 1,
  },
  'legal-reviewer': {
    legal: 3, contract: 3, agreement: 2.5, 'master services agreement': 4, msa: 3, nda: 3, clause: 3, terms: 2,
    'terms service': 3, 'privacy policy': 3, gdpr: 3, compliance: 2.5, compliant: 2, liability: 3,
    'limitation liability': 3, indemnification: 3, indemnity: 3, redline: 3, license: 2.5, licensing: 2.5, gpl: 3,
    'data processing agreement': 4, dpa: 3, consent: 2, regulatory: 2, obligations: 2,
    'employment contract': 3, copyright: 2.5, trademark: 2.5, risky: 1,
  },
  'hr-recruiter': {
    hr: 3, hiring: 3, hire: 2.5, recruit: 3, recruiting: 3, recruiter: 3, 'job description': 3.5, 'job posting': 3.5,
    job: 1.5, candidate: 3, applicant: 3, resume: 3, cv: 3, interview: 2, 'interview questions': 3,
    'interview scorecard': 3, scorecard: 1.5, 'offer letter': 3.5, offer: 1.5, 'rejection email': 2.5,
    onboarding: 2, employee: 2, handbook: 2.5, 'parental leave': 3, 'performance review': 3,
    role: 1.5, shortlist: 3, screen: 2, 'hiring pipeline': 3, talent: 2.5, 'new hire': 3,
  },
};
