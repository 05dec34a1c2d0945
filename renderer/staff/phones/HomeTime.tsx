/** Being built (issue 6). */
export function HomeTime() {
  return <h2>HomeTime</h2>;
}
