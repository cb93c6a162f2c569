// The public entry of the cases feature (the test-case repository): what app/ and other features may use.
export { CaseEditorPage } from './editor/CaseEditorPage';
export { RepositoryPage } from './repository/RepositoryPage';
export { casesQuery, type CaseQuery } from './api/cases';
export { foldersQuery } from './api/folders';
export { peopleQuery } from './api/people';
export { folderOptions } from './folderTree';
