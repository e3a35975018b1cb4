import { useId } from 'react';
import { Box, Flex, Radio, Typography } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';

export type SendMode = 'shared' | 'personal';

interface Props {
  mode: SendMode;
  onChange: (mode: SendMode) => void;
}

/** Which link the recipients get: the link itself, or one of their own each; and what that means. */
export const SendModeField = ({ mode, onChange }: Props) => {
  const t = usePluginTranslation();
  const id = useId();
  const options: Array<{ value: SendMode; label: string; meaning: string }> = [
    {
      value: 'shared',
      label: t('send.mode.shared', 'One link for everyone'),
      meaning: t(
        'send.mode.shared.hint',
        'Everyone gets this same link. Anyone it is forwarded to can use it too, while seats remain.'
      ),
    },
    {
      value: 'personal',
      label: t('send.mode.personal', 'A personal link for each person (only they can use it)'),
      meaning: t(
        'send.mode.personal.hint',
        'Each address gets a link of its own, usable once and only to create an account with that address. Each account takes a seat of this link.'
      ),
    },
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography id={`${id}-label`} variant="pi" fontWeight="bold">
        {t('send.mode', 'Link to send')}
      </Typography>
      <Radio.Group aria-labelledby={`${id}-label`} value={mode} onValueChange={(value) => onChange(value as SendMode)}>
        <Flex direction="column" alignItems="stretch" gap={3}>
          {options.map((option) => (
            <Flex key={option.value} direction="column" alignItems="flex-start" gap={1}>
              <Radio.Item value={option.value} aria-describedby={`${id}-${option.value}`}>
                {option.label}
              </Radio.Item>
              <Box paddingLeft={6}>
                <Typography id={`${id}-${option.value}`} variant="pi" textColor="neutral600">
                  {option.meaning}
                </Typography>
              </Box>
            </Flex>
          ))}
        </Flex>
      </Radio.Group>
    </Flex>
  );
};
