/** Settings: the list of sections, one line each on what they hold. */
import { Link } from 'wouter';
import { PageHeader } from '../../components/ui';
import '../staff.css';

export const SETTINGS_SECTIONS: readonly { href: string; title: string; about: string }[] = [
  { href: '/settings/school', title: 'School', about: 'The school’s name, colour and logo, as shown on the screens and badges.' },
  { href: '/settings/staff', title: 'Staff accounts', about: 'Who can unlock the console, their roles and DSLs, and their PINs.' },
  { href: '/settings/security', title: 'Security', about: 'How soon the console locks itself when left idle, ending a wait after wrong PINs, and the recovery code.' },
  { href: '/settings/phones', title: 'Phones', about: 'Which year groups may bring a phone, the office’s numbered slots, and home time.' },
  { href: '/settings/confiscations', title: 'Confiscations', about: 'Where confiscated devices are kept, and when to warn about one held a long time.' },
  { href: '/settings/visitors', title: 'Visitors and the kiosk', about: 'Visitor types, the rules shown before “I agree”, the closing time for visits, badges and screens.' },
  { href: '/settings/calendar', title: 'School calendar', about: 'Term dates, bank holidays and other days the school is closed.' },
  { href: '/settings/backups', title: 'Backups', about: 'Where the daily backups go, how many are kept, and a backup now.' },
  { href: '/settings/printers', title: 'Printers', about: 'The A4 and label printers by name, with a test page for each.' },
];

export function SettingsHome() {
  return (
    <>
      <PageHeader title="Settings" />
      <ul className="settings-home-list">
        {SETTINGS_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="settings-home-link">
              <span className="settings-home-title">{s.title}</span>
              <span className="settings-home-about">{s.about}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
