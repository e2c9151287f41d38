// Small inline icons in GitLab's 16px line style. Decorative: the text beside them says the same.
import type { OkrView } from '../../lib/view';

type Kind = OkrView['item']['type'];

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  focusable: false,
  className: 'okr-icon',
} as const;

export function TypeIcon({ kind }: { kind: Kind }) {
  if (kind === 'objective') {
    return (
      <svg {...common} data-kind={kind}>
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <circle cx="8" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <circle cx="8" cy="8" r="1" fill="currentColor" />
      </svg>
    );
  }
  if (kind === 'keyResult') {
    return (
      <svg {...common} data-kind={kind}>
        <path d="M2.75 13.25h10.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        <path
          d="M4.5 10.5V8M8 10.5V5M11.5 10.5V2.75"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
    );
  }
  return (
    <svg {...common} data-kind={kind}>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="8" r="1.5" fill="currentColor" />
    </svg>
  );
}

export function LensIcon() {
  return (
    <svg {...common}>
      <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="7" cy="7" r="1.5" fill="currentColor" />
    </svg>
  );
}

export function ChevronIcon({ open }: { open: boolean }) {
  return (
    <svg {...common} className={`okr-icon okr-chevron${open ? ' is-open' : ''}`}>
      <path
        d="M4 6l4 4 4-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

type Severity = OkrView['warnings'][number]['severity'];

export function SeverityIcon({ severity }: { severity: Severity }) {
  if (severity === 'error') {
    return (
      <svg {...common} className="okr-icon okr-severity-icon" data-severity={severity}>
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M5.75 5.75l4.5 4.5M10.25 5.75l-4.5 4.5"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
    );
  }
  if (severity === 'warning') {
    return (
      <svg {...common} className="okr-icon okr-severity-icon" data-severity={severity}>
        <path
          d="M8 1.9 14.6 13.5H1.4Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
        <path d="M8 6v3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        <circle cx="8" cy="11.6" r=".9" fill="currentColor" />
      </svg>
    );
  }
  return (
    <svg {...common} className="okr-icon okr-severity-icon" data-severity={severity}>
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 7.25v4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="8" cy="4.9" r=".9" fill="currentColor" />
    </svg>
  );
}
