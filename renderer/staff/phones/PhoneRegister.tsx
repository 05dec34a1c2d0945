/** Being built (issue 6). */
export function PhoneRegister() {
  return <h2>PhoneRegister</h2>;
}
