export function EnrolPage() {
  return <h1>Enrol</h1>;
}
