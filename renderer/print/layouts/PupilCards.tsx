/**
 * Pupil cards on A4: ten to a sheet (two columns, five rows, 93 mm × 54 mm each, dashed cut
 * lines). Each card: the school's name, the pupil's first name and surname in large type, their
 * class and year, and a QR code of the card's token with the token printed small beneath it.
 * Which cards: '?class=5W', '?ids=1,2,3' (commas may be written %2C), '?phones=1' (pupils with phone
 * permission) or '?all=1'; cards are issued
 * for pupils who have none (cardsForPrint).
 */
import { useEffect, useMemo, useState } from 'react';
import type { CardForPrint, InputOf } from '../../../electron/api/contract';
import { call } from '../../app/api';
import { QrCode } from '../../components/QrCode';
import { groupToken, useImagesReady, useSchool, type LayoutProps, type PrintState } from './common';
import '../pupil-cards.css';

export const CARDS_PER_PAGE = 10;

interface Choice {
  input: InputOf<'cardsForPrint'>;
  /** What is printed, in words: 'class 5W'. */
  what: string;
}

/** Which cards the query asks for, or null when it asks for none that can be printed. */
export function cardsChoice(params: URLSearchParams): Choice | null {
  const regGroup = params.get('class');
  if (regGroup !== null) {
    const trimmed = regGroup.trim();
    return trimmed && trimmed.length <= 20 ? { input: { regGroup: trimmed }, what: `class ${trimmed}` } : null;
  }
  const ids = params.get('ids');
  if (ids !== null) {
    const parts = ids.split(',').map((s) => s.trim());
    if (parts.length === 0 || parts.length > 2000 || !parts.every((s) => /^[1-9][0-9]{0,9}$/.test(s))) return null;
    const pupilIds = [...new Set(parts.map(Number))];
    return { input: { pupilIds }, what: pupilIds.length === 1 ? 'one pupil' : `${pupilIds.length} pupils` };
  }
  if (params.get('phones') === '1') return { input: { phones: true }, what: 'pupils with permission to bring a phone' };
  if (params.get('all') === '1') return { input: { all: true }, what: 'every pupil on roll' };
  return null;
}

/** The cards in sheets of ten. */
export function toPages<T>(cards: readonly T[], perPage = CARDS_PER_PAGE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < cards.length; i += perPage) pages.push(cards.slice(i, i + perPage));
  return pages;
}

function yearWords(year: number): string {
  return year === 0 ? 'Reception' : `Year ${year}`;
}

function PupilCard({ card, schoolName, onReady }: { card: CardForPrint; schoolName: string; onReady: () => void }) {
  const name = `${card.forename} ${card.surname}`;
  return (
    <div className="pupil-card" data-token={card.token} data-pupil-id={card.pupilId}>
      <div className="pupil-card-text">
        <p className="pupil-card-school">{schoolName}</p>
        <p className={`pupil-card-name ${name.length > 24 ? 'pupil-card-name-long' : ''}`.trim()}>{name}</p>
        <p className="pupil-card-class">
          {card.regGroup ? `Class ${card.regGroup}` : yearWords(card.yearGroup)}
          {card.regGroup && <span className="pupil-card-year"> · {yearWords(card.yearGroup)}</span>}
        </p>
        <p className="pupil-card-note">Pupil card</p>
      </div>
      <div className="pupil-card-code">
        <QrCode text={card.token} mm={30} alt={`QR code of ${name}’s card`} onReady={onReady} />
        <p className="pupil-card-token">{groupToken(card.token)}</p>
      </div>
    </div>
  );
}

export function PupilCards({ params }: LayoutProps) {
  const { schoolName } = useSchool();
  const query = params.toString();
  const choice = useMemo(() => cardsChoice(new URLSearchParams(query)), [query]);
  const [answer, setAnswer] = useState<{ query: string; cards: CardForPrint[] | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!choice) return;
    let live = true;
    void call('cardsForPrint', choice.input).then((r) => {
      if (!live) return;
      setAnswer(r.ok ? { query, cards: r.value, error: null } : { query, cards: null, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [choice, query]);
  const loaded = answer?.query === query ? answer : { cards: null, error: null };

  const cards = loaded.cards ?? [];
  const [imagesReady, markLoaded] = useImagesReady(loaded.cards ? cards.map((c) => c.token) : ['(loading)']);
  let error: string | null = null;
  if (!choice) error = 'Choose which cards to print: a class, some pupils or every pupil on roll. Nothing was printed.';
  else if (loaded.error) error = `The cards could not be made: ${loaded.error}`;
  else if (loaded.cards && cards.length === 0) error = `There are no pupils to print cards for (${choice.what}). Nothing was printed.`;
  const state: PrintState = error ? 'error' : loaded.cards && imagesReady ? 'ready' : 'loading';
  const pages = toPages(cards);

  return (
    <article
      className="print-sheet paper-a4 sheet-a4 cards-sheet"
      data-print-state={state}
      aria-label={choice ? `Pupil cards for ${choice.what}` : 'Pupil cards'}
      aria-busy={state === 'loading' || undefined}
    >
      {error ? (
        <p className="print-error" role="alert">
          {error}
        </p>
      ) : (
        <>
          <h1 className="visually-hidden">
            Pupil cards for {choice?.what}: {cards.length} {cards.length === 1 ? 'card' : 'cards'}
          </h1>
          {pages.map((page, i) => (
            <section className="cards-page" key={i} aria-label={`Sheet ${i + 1} of ${pages.length}`}>
              {page.map((card) => (
                <PupilCard key={card.token} card={card} schoolName={schoolName} onReady={() => markLoaded(card.token)} />
              ))}
            </section>
          ))}
        </>
      )}
    </article>
  );
}
