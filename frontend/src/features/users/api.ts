import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';

export type User = Schemas['User'];
export type Role = Schemas['Role'];
type JsonBody<Operation extends keyof operations> = operations[Operation] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
export type NewUser = JsonBody<'createUser'>;
export type UserChanges = JsonBody<'updateUser'>;
export type RoleDraft = JsonBody<'createRole'>;

export const usersQuery = queryOptions({
  queryKey: ['users'],
  queryFn: async () => (await unwrap(api.GET('/api/users'))).items,
});

export const rolesQuery = queryOptions({
  queryKey: ['roles'],
  queryFn: async () => (await unwrap(api.GET('/api/roles'))).items,
});

export function createUser(user: NewUser): Promise<User> {
  return unwrap(api.POST('/api/users', { body: user }));
}

export function updateUser(userId: number, changes: UserChanges): Promise<User> {
  return unwrap(api.PATCH('/api/users/{userId}', { params: { path: { userId } }, body: changes }));
}

export function resetPassword(userId: number, password: string): Promise<void> {
  return unwrap(api.PUT('/api/users/{userId}/password', { params: { path: { userId } }, body: { password } }));
}

export function createRole(role: RoleDraft): Promise<Role> {
  return unwrap(api.POST('/api/roles', { body: role }));
}

export function updateRole(roleId: number, role: RoleDraft): Promise<Role> {
  return unwrap(api.PATCH('/api/roles/{roleId}', { params: { path: { roleId } }, body: role }));
}

export function deleteRole(roleId: number): Promise<void> {
  return unwrap(api.DELETE('/api/roles/{roleId}', { params: { path: { roleId } } }));
}
