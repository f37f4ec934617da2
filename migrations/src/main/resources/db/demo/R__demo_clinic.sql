-- The demo clinic, loaded only in embedded mode (classpath:db/demo is added to Flyway's
-- locations only when ClinicFlow runs its own PostgreSQL). Never part of production migrations.
INSERT INTO tenant_config (
  tenant_id, clinic_name, evolution_instance_name, google_calendar_id, google_tasks_list_id,
  telegram_internal_chat_id, system_prompt_patient, system_prompt_internal, system_prompt_confirmation,
  business_hours, clinic_info, timezone, language, is_active, monthly_message_limit,
  fallback_message, quota_exceeded_message)
VALUES (
  'demo',
  'Clínica Demonstração',
  'demo_instance',
  'demo-calendar',
  'demo-tasks',
  -1001000000001,
  'Você é a assistente virtual da Clínica Demonstração. Responda em português do Brasil, com '
    || 'cordialidade e frases curtas. Ajude o paciente a marcar, ver, remarcar ou cancelar consultas usando '
    || 'as ferramentas disponíveis; nunca confirme algo que uma ferramenta não fez. Não dê diagnósticos nem '
    || 'invente preços: para dúvidas clínicas, oriente a falar com a equipe.',
  'Você é a assistente interna da equipe da Clínica Demonstração. Responda em português, de forma '
    || 'objetiva. Use as ferramentas para consultar a agenda, gerenciar tarefas, enviar mensagens aos '
    || 'pacientes e pausar o atendimento automático.',
  'Escreva uma mensagem curta e cordial, em português, lembrando o paciente da consulta de amanhã '
    || '(data e hora) e pedindo que responda "sim" para confirmar, "não posso" para cancelar ou '
    || '"remarcar" para escolher outro horário.',
  '{"mon": {"open": "08:00", "close": "18:00"}, "tue": {"open": "08:00", "close": "18:00"},
    "wed": {"open": "08:00", "close": "18:00"}, "thu": {"open": "08:00", "close": "18:00"},
    "fri": {"open": "08:00", "close": "17:00"}, "sat": {"open": "08:00", "close": "12:00"}}'::jsonb,
  '{"address": "Rua das Flores, 100 - São Paulo, SP", "phone": "+55 11 4000-0000",
    "appointment_minutes": 30}'::jsonb,
  'America/Sao_Paulo',
  'pt-BR',
  true,
  5000,
  'Desculpe, tive um problema para responder agora. Nossa equipe já foi avisada e retorna em breve.',
  'Nosso atendimento automático atingiu o limite deste mês. Por favor, ligue para a clínica.'
)
ON CONFLICT (tenant_id) DO NOTHING;
