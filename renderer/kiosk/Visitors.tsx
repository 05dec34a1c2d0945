/**
 * Visitor sign-in and sign-out at the public kiosk (issue 8): the screens live in ./visitors/.
 */
export { VisitorSignIn } from './visitors/SignIn';
export { VisitorSignOut } from './visitors/SignOut';
