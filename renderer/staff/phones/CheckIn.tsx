/** Being built (issue 6). */
export function CheckIn() {
  return <h2>CheckIn</h2>;
}
