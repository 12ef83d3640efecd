/** The hotline 12333 line shown on every error screen, the number set in bold. */
import { HOTLINE } from '../../../contracts';
import { useI18n } from '../i18n';
import { PhoneIcon } from './icons';
import './HotlineNotice.css';

export function HotlineNotice() {
  const { t } = useI18n();
  const [before, ...after] = t.error.hotline(HOTLINE).split(HOTLINE);
  return (
    <p className="hotline" data-testid="hotline">
      <PhoneIcon />
      <span>
        {before}
        <strong className="hotline__number">{HOTLINE}</strong>
        {after.join(HOTLINE)}
      </span>
    </p>
  );
}
