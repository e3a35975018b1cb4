import { useMemo } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { pngOf, qrCodeOf, svgFileOf, svgPathOf } from '../utils/qr-code';
import { saveFile } from '../utils/save-file';
import { usePluginTranslation } from '../utils/translations';

interface Props {
  /** The address the QR code holds. */
  url: string;
  /** The start of the downloaded files' names. */
  fileName: string;
  /** What it is a QR code of: the link (default), or the code page with the link's code. */
  of?: 'link' | 'code';
}

/** The link as a QR code (for a slide or a poster), with its SVG and PNG downloads. */
export const InvitationQrCode = ({ url, fileName, of = 'link' }: Props) => {
  const t = usePluginTranslation();
  const { toggleNotification } = useNotification();
  const code = useMemo(() => qrCodeOf(url), [url]);
  const label =
    of === 'link'
      ? t('qr.label', 'QR code of the invitation link')
      : t('qr.code.label', 'QR code of the code page, with the code filled in');

  const downloadPng = async () => {
    try {
      saveFile(await pngOf(code), `${fileName}.png`);
    } catch (error) {
      toggleNotification({ type: 'danger', message: (error as Error).message });
    }
  };

  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      <Typography variant="sigma" textColor="neutral600">
        {of === 'link' ? t('qr.title', 'QR code') : t('qr.code.title', 'QR code of the code')}
      </Typography>
      <Box background="neutral0" padding={2} hasRadius borderColor="neutral200">
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${code.size} ${code.size}`}
          width={code.size * 5}
          height={code.size * 5}
          shapeRendering="crispEdges"
        >
          <rect width={code.size} height={code.size} fill="#fff" />
          <path d={svgPathOf(code)} fill="#000" />
        </svg>
      </Box>
      <Flex gap={2}>
        <Button
          variant="tertiary"
          startIcon={<Download />}
          onClick={() => saveFile(new Blob([svgFileOf(code)], { type: 'image/svg+xml' }), `${fileName}.svg`)}
        >
          {t('qr.downloadSvg', 'Download SVG')}
        </Button>
        <Button variant="tertiary" startIcon={<Download />} onClick={downloadPng}>
          {t('qr.downloadPng', 'Download PNG')}
        </Button>
      </Flex>
    </Flex>
  );
};
