export function WallPage() {
  return <h1>Pledge wall</h1>;
}
