// Test data of projects, issues and suites, for the Vitest tests of these features.
import type { Schemas } from '../api/client';
import type { FakeAnswer } from './fakeApi';

type Project = Schemas['Project'];
type Issue = Schemas['Issue'];
type JiraField = Schemas['JiraField'];
type JiraConnection = Schemas['JiraConnection'];
type SuiteDetail = Schemas['SuiteDetail'];
type SuiteLink = Schemas['SuiteLink'];

export function aProject(overrides: Partial<Project> = {}): Project {
  return { id: 3, key: 'SHOP', name: 'Web shop', defaultInstanceId: 1, defaultJiraProject: 'TB', ...overrides };
}

export function aConnection(overrides: Partial<JiraConnection> = {}): JiraConnection {
  return {
    instanceId: 1,
    instanceName: 'Acme Cloud',
    baseUrl: 'https://acme.atlassian.net',
    deployment: 'CLOUD',
    status: 'CONNECTED',
    consentExpiresSoon: false,
    ...overrides,
  };
}

/** An issue; `fields` and `lastError.fields` take any values (the schema types them loosely as objects). */
export function anIssue(
  overrides: Omit<Partial<Issue>, 'fields' | 'lastError'> & {
    fields?: Record<string, unknown>;
    lastError?: { message: string; fields?: Record<string, string> } | null;
  } = {},
): Issue {
  return {
    id: 11,
    projectId: 3,
    instanceId: 1,
    jiraProject: 'TB',
    issueTypeId: '10002',
    issueTypeName: 'Bug',
    summary: 'Cart total ignores the voucher',
    description: '',
    fields: {},
    state: 'CREATED',
    lastError: null,
    jiraKey: 'TB-8',
    jiraUrl: 'https://acme.atlassian.net/browse/TB-8',
    jiraStatus: 'To Do',
    createdBy: 1,
    createdAt: '2026-11-28T14:00:00Z',
    ...overrides,
  } as Issue;
}

/** The create metadata of the simulator's Bug: two required custom fields, and optional ones. */
export const BUG_FIELDS: JiraField[] = [
  { fieldId: 'summary', name: 'Summary', required: true, type: 'string', system: 'summary', hasDefaultValue: false },
  { fieldId: 'issuetype', name: 'Issue Type', required: true, type: 'issuetype', hasDefaultValue: false },
  { fieldId: 'project', name: 'Project', required: true, type: 'project', hasDefaultValue: false },
  { fieldId: 'description', name: 'Description', required: false, type: 'string', system: 'description', hasDefaultValue: false },
  {
    fieldId: 'priority',
    name: 'Priority',
    required: false,
    type: 'priority',
    system: 'priority',
    hasDefaultValue: true,
    allowedValues: [
      { id: '2', label: 'High' },
      { id: '3', label: 'Medium' },
    ],
  },
  { fieldId: 'labels', name: 'Labels', required: false, type: 'array', itemsType: 'string', system: 'labels', hasDefaultValue: false },
  {
    fieldId: 'customfield_10010',
    name: 'Severity',
    required: true,
    type: 'option',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
    hasDefaultValue: false,
    allowedValues: [
      { id: '10100', label: 'Critical' },
      { id: '10101', label: 'Major' },
      { id: '10102', label: 'Minor' },
    ],
  },
  {
    fieldId: 'customfield_10011',
    name: 'Found in build',
    required: true,
    type: 'string',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
    hasDefaultValue: false,
  },
];

/** Jira as the fake API answers it for instance 1, project TB, issue type Bug. */
export function jiraMetadata(): Record<string, FakeAnswer> {
  return {
    'GET /api/me/jira-connections': { body: { items: [aConnection()] } },
    'GET /api/jira/1/projects': { body: { items: [{ id: '10000', key: 'TB', name: 'Testbridge Demo' }, { id: '10001', key: 'OPS', name: 'Operations' }] } },
    'GET /api/jira/1/projects/TB/issue-types': {
      body: {
        items: [
          { id: '10001', name: 'Task', subtask: false },
          { id: '10002', name: 'Bug', subtask: false },
        ],
      },
    },
    'GET /api/jira/1/projects/TB/issue-types/10002/fields': { body: { items: BUG_FIELDS } },
  };
}

export function aLink(overrides: Partial<SuiteLink> = {}): SuiteLink {
  return {
    instanceId: 1,
    key: 'TB-1',
    summary: 'Login fails when the SSO session expired',
    status: 'To Do',
    assignee: 'Alice Admin',
    issueType: 'Bug',
    url: 'https://acme.atlassian.net/browse/TB-1',
    notFound: false,
    checkedAt: '2026-11-28T14:00:00Z',
    ...overrides,
  };
}

export function aSuite(overrides: Partial<SuiteDetail> = {}): SuiteDetail {
  return {
    id: 21,
    projectId: 3,
    name: 'Checkout',
    description: 'Paying for the cart',
    cases: [{ id: 1, key: 'SHOP-TC-1', title: 'Pay by card', status: 'READY', priority: 'MEDIUM', stepCount: 2, archived: false }],
    links: [aLink()],
    linksStale: false,
    ...overrides,
  };
}

/** The answers the Jira authentication dialog needs to authenticate with instance 1. */
export function jiraAuthentication(onAuthenticated: () => void): Record<string, FakeAnswer | (() => FakeAnswer)> {
  return {
    'POST /api/me/jira-connections/1/flows': {
      body: { flowId: 'flow-1', authorizationUrl: 'https://jira.example.test/authorize', expiresAt: '2030-01-01T00:00:00Z' },
    },
    'POST /api/me/jira-connections/1/verification': () => {
      onAuthenticated();
      return { body: aConnection({ jiraAccount: 'Bob Tester' }) };
    },
  };
}

export const JIRA_AUTH_REQUIRED: FakeAnswer = {
  status: 401,
  body: { error: { code: 'jira_auth_required', message: 'You have not connected your Jira account yet.', instanceId: 1 } },
};
