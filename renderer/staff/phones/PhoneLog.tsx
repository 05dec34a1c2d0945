/** Being built (issue 6). */
export function PhoneLog() {
  return <h2>PhoneLog</h2>;
}
