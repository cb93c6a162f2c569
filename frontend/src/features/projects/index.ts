// The public entry of the projects feature: what app/ and other features may use. The Issues,
// Test cases, Test suites and Test cycles pages live inside a project (app/projectRoutes.tsx) and read it with useProject().
export type { Project } from './api';
export { projectsQuery } from './api';
export { casePath, projectPath, suitePath } from './paths';
export { ProjectHome, ProjectLayout, useProject } from './ProjectLayout';
export { ProjectsPage } from './ProjectsPage';
