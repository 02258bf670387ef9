import { Route, Routes } from 'react-router';
import { Placeholder } from '../../components/Placeholder';
import { UserFormPage } from './UserFormPage';
import { UserImportPage } from './UserImportPage';
import { UserListPage } from './UserListPage';

/** `/users/*`: the list, a new user, the CSV import and one user. */
export function UsersRoutes() {
  return (
    <Routes>
      <Route index element={<UserListPage />} />
      <Route path="new" element={<UserFormPage />} />
      <Route path="import" element={<UserImportPage />} />
      <Route path=":id" element={<UserFormPage />} />
      <Route path="*" element={<Placeholder title="notFound.heading" />} />
    </Routes>
  );
}
