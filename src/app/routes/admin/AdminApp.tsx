/** The staff console: loaded only when a staff member opens /admin (see App.tsx). */
export default function AdminApp(props: { path: string }) {
  return <h1>Staff console: {props.path}</h1>;
}
